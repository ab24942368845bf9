-- The safety net: crisis alerts and who was told, durable jobs, and safety plans.
-- Keep this file and its twin for the other backend in step (tests/schema_parity.rs).

-- An alert holds ids, a level, the kind of place the words were written and timestamps;
-- never the words themselves.
CREATE TABLE safety_alerts (
    id TEXT PRIMARY KEY NOT NULL,
    member_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    level TEXT NOT NULL,
    source TEXT NOT NULL,
    status TEXT NOT NULL,
    signals BIGINT NOT NULL,
    escalation_step BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    last_signal_at TIMESTAMP NOT NULL,
    escalate_at TIMESTAMP,
    acknowledged_by TEXT REFERENCES users(id) ON DELETE SET NULL,
    acknowledged_at TIMESTAMP,
    resolved_by TEXT REFERENCES users(id) ON DELETE SET NULL,
    resolved_at TIMESTAMP,
    outcome TEXT,
    outcome_note TEXT
);
CREATE INDEX safety_alerts_member ON safety_alerts(member_id, status);

CREATE TABLE alert_recipients (
    alert_id TEXT NOT NULL REFERENCES safety_alerts(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    notified_at TIMESTAMP NOT NULL,
    PRIMARY KEY (alert_id, user_id)
);
CREATE INDEX alert_recipients_user ON alert_recipients(user_id);

-- Work that must happen later or must survive a restart (escalations, alert email).
CREATE TABLE jobs (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    run_at TIMESTAMP NOT NULL,
    attempts BIGINT NOT NULL,
    locked_until TIMESTAMP,
    done_at TIMESTAMP,
    last_error TEXT
);
CREATE INDEX jobs_due ON jobs(done_at, run_at);

CREATE TABLE safety_plans (
    member_id TEXT PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    plan TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
