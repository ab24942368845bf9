// One schema for both backends; the migrations under migrations/{sqlite,postgres} must match it.

diesel::table! {
    users (id) {
        id -> Text,
        email -> Text,
        password_hash -> Nullable<Text>,
        display_name -> Text,
        legal_name -> Nullable<Text>,
        pronouns -> Nullable<Text>,
        language -> Text,
        time_zone -> Text,
        totp_secret -> Nullable<Text>,
        totp_enabled -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        totp_last_step -> Nullable<BigInt>,
    }
}

diesel::table! {
    user_roles (user_id, role) {
        user_id -> Text,
        role -> Text,
    }
}

diesel::table! {
    sessions (id) {
        id -> Text,
        token_hash -> Text,
        user_id -> Text,
        kind -> Text,
        user_agent -> Nullable<Text>,
        client_addr -> Nullable<Text>,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    one_time_tokens (id) {
        id -> Text,
        token_hash -> Text,
        purpose -> Text,
        user_id -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    login_throttle (throttle_key) {
        throttle_key -> Text,
        failures -> BigInt,
        last_failure_at -> Timestamp,
        blocked_until -> Nullable<Timestamp>,
    }
}

diesel::table! {
    care_links (id) {
        id -> Text,
        clinician_id -> Text,
        member_id -> Text,
        status -> Text,
        initiated_by -> Nullable<Text>,
        scope_circle -> Bool,
        scope_checkins -> Bool,
        scope_measures -> Bool,
        scope_groups -> Bool,
        scope_safety_plan -> Bool,
        scope_safety_alerts -> Bool,
        created_at -> Timestamp,
        accepted_at -> Nullable<Timestamp>,
        ended_at -> Nullable<Timestamp>,
        scope_circle_names -> Bool,
    }
}

diesel::table! {
    audit_log (id) {
        id -> Text,
        at -> Timestamp,
        actor_id -> Nullable<Text>,
        action -> Text,
        subject_id -> Nullable<Text>,
        client_addr -> Nullable<Text>,
        detail -> Nullable<Text>,
    }
}

diesel::table! {
    settings (setting_key) {
        setting_key -> Text,
        value -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    safety_alerts (id) {
        id -> Text,
        member_id -> Text,
        level -> Text,
        source -> Text,
        status -> Text,
        signals -> BigInt,
        escalation_step -> BigInt,
        created_at -> Timestamp,
        last_signal_at -> Timestamp,
        escalate_at -> Nullable<Timestamp>,
        acknowledged_by -> Nullable<Text>,
        acknowledged_at -> Nullable<Timestamp>,
        resolved_by -> Nullable<Text>,
        resolved_at -> Nullable<Timestamp>,
        outcome -> Nullable<Text>,
        outcome_note -> Nullable<Text>,
    }
}

diesel::table! {
    alert_recipients (alert_id, user_id) {
        alert_id -> Text,
        user_id -> Text,
        reason -> Text,
        notified_at -> Timestamp,
    }
}

diesel::table! {
    jobs (id) {
        id -> Text,
        kind -> Text,
        payload -> Text,
        run_at -> Timestamp,
        attempts -> BigInt,
        locked_until -> Nullable<Timestamp>,
        done_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
    }
}

diesel::table! {
    safety_plans (member_id) {
        member_id -> Text,
        plan -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    circle_entries (id) {
        id -> Text,
        member_id -> Text,
        name -> Text,
        kind -> Text,
        ring -> Text,
        crisis_contact -> Bool,
        details -> Text,
        note -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    circles (member_id) {
        member_id -> Text,
        entries -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    circle_snapshots (id) {
        id -> Text,
        member_id -> Text,
        taken_at -> Timestamp,
        entries -> Text,
    }
}

diesel::table! {
    checkins (id) {
        id -> Text,
        member_id -> Text,
        at -> Timestamp,
        day -> Text,
        mood -> BigInt,
        energy -> BigInt,
        connectedness -> BigInt,
        note -> Nullable<Text>,
        connected_with -> Text,
    }
}

diesel::table! {
    checkin_reminders (member_id) {
        member_id -> Text,
        settings -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    measure_results (id) {
        id -> Text,
        member_id -> Text,
        instrument -> Text,
        taken_at -> Timestamp,
        answers -> Text,
        score -> Text,
    }
}

diesel::table! {
    measure_schedules (member_id, instrument) {
        member_id -> Text,
        instrument -> Text,
        every_days -> BigInt,
        set_by -> Nullable<Text>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    resources (id) {
        id -> Text,
        source -> Text,
        source_id -> Text,
        name -> Text,
        status -> Text,
        kind -> Nullable<Text>,
        format -> Nullable<Text>,
        cost_kind -> Nullable<Text>,
        cost_minor -> Nullable<BigInt>,
        lat_e6 -> Nullable<BigInt>,
        lon_e6 -> Nullable<BigInt>,
        slots -> BigInt,
        next_at -> Nullable<Timestamp>,
        verified_on -> Nullable<Timestamp>,
        retired_at -> Nullable<Timestamp>,
        details -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    resource_traits (trait_, resource_id) {
        #[sql_name = "trait"]
        trait_ -> Text,
        resource_id -> Text,
    }
}

diesel::table! {
    small_steps (id) {
        id -> Text,
        member_id -> Text,
        resource_id -> Text,
        ladder -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    referrals (id) {
        id -> Text,
        clinician_id -> Nullable<Text>,
        member_id -> Text,
        resource_id -> Text,
        note -> Nullable<Text>,
        status -> Text,
        reason -> Nullable<Text>,
        outcome -> Nullable<Text>,
        went_at -> Nullable<Timestamp>,
        sent_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    calendar_feeds (member_id) {
        member_id -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    saved_places (person_id) {
        person_id -> Text,
        lat_e6 -> BigInt,
        lon_e6 -> BigInt,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(user_roles -> users (user_id));
diesel::joinable!(resource_traits -> resources (resource_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(one_time_tokens -> users (user_id));
diesel::joinable!(alert_recipients -> safety_alerts (alert_id));

diesel::allow_tables_to_appear_in_same_query!(
    users,
    user_roles,
    sessions,
    one_time_tokens,
    login_throttle,
    care_links,
    audit_log,
    settings,
    safety_alerts,
    alert_recipients,
    jobs,
    safety_plans,
    circle_entries,
    circle_snapshots,
    circles,
    checkins,
    checkin_reminders,
    measure_results,
    measure_schedules,
    resources,
    resource_traits,
    small_steps,
    referrals,
    calendar_feeds,
    saved_places,
);
