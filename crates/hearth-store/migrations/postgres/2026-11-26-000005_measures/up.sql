-- Measure results and schedules. Keep in step with the other backend's file.
-- `answers` and `score` are JSON: the answers exactly as given (null = skipped) and the
-- score as `hearth_core::measures::Score`, kept with the result so a later change to an
-- instrument file never rewrites history.
CREATE TABLE measure_results (
    id TEXT PRIMARY KEY NOT NULL,
    member_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    instrument TEXT NOT NULL,
    taken_at TIMESTAMP NOT NULL,
    answers TEXT NOT NULL,
    score TEXT NOT NULL
);
CREATE INDEX measure_results_member ON measure_results(member_id, instrument, taken_at);

CREATE TABLE measure_schedules (
    member_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    instrument TEXT NOT NULL,
    every_days BIGINT NOT NULL,
    set_by TEXT REFERENCES users(id) ON DELETE SET NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (member_id, instrument)
);
