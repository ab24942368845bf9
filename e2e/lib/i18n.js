// Reads Hearth's Fluent files so tests can expect the exact words a page shows.
// Only simple messages (no placeables) are needed here.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const LOCALES = path.resolve(here, '../../crates/hearth-web/locales');
const DIRS = { en: 'en-US', ko: 'ko' };
const cache = new Map();

export function ftlPath(lang) {
  return path.join(LOCALES, DIRS[lang] || lang, 'main.ftl');
}

/** Parses `key = value` messages, with indented continuation lines joined by newlines. */
export function loadFtl(lang) {
  if (cache.has(lang)) return cache.get(lang);
  const file = ftlPath(lang);
  const messages = new Map();
  if (fs.existsSync(file)) {
    let key = null;
    for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
      const m = line.match(/^([A-Za-z][A-Za-z0-9_-]*)\s*=\s?(.*)$/);
      if (m) {
        key = m[1];
        messages.set(key, m[2].trim());
      } else if (key && /^\s+\S/.test(line) && !/^\s*[.[*]/.test(line)) {
        const prev = messages.get(key);
        messages.set(key, prev ? `${prev}\n${line.trim()}` : line.trim());
      } else {
        key = null;
      }
    }
  }
  cache.set(lang, messages);
  return messages;
}

/** The text of a message, or undefined when the file or the key is missing. */
export function message(lang, key) {
  return loadFtl(lang).get(key);
}

export const HANGUL = /[\u1100-\u11FF\u3130-\u318F\uAC00-\uD7A3]/;
