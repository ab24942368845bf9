-- Community referrals from a clinician to a member in their care. Keep in step with the
-- other backend's file. `status`, `reason` (a barrier) and `outcome` use the words of
-- `hearth_core::directory::referral`; the note is the clinician's, shown to the member.
CREATE TABLE referrals (
    id TEXT PRIMARY KEY NOT NULL,
    clinician_id TEXT REFERENCES users(id) ON DELETE SET NULL,
    member_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    resource_id TEXT NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
    note TEXT,
    status TEXT NOT NULL,
    reason TEXT,
    outcome TEXT,
    -- When they first said they went; kept when the story ends otherwise, so uptake counts it.
    went_at TIMESTAMP,
    sent_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX referrals_member ON referrals(member_id, sent_at);
CREATE INDEX referrals_clinician ON referrals(clinician_id, sent_at);
