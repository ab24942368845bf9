-- Small steps: one ladder per member and resource. Keep in step with the other backend's file.
-- `ladder` is `hearth_core::directory::ladder::Ladder` as JSON (steps, ticks, pause).
CREATE TABLE small_steps (
    id TEXT PRIMARY KEY NOT NULL,
    member_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    resource_id TEXT NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
    ladder TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (member_id, resource_id)
);
