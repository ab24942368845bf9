use crate::schema::{user_roles, users};
use crate::{new_id, now, DbConn};
use diesel::prelude::*;
use hearth_core::account::Language;
use hearth_core::roles::Role;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: String,
    pub email: String,
    pub password_hash: Option<String>,
    pub display_name: String,
    pub legal_name: Option<String>,
    pub pronouns: Option<String>,
    pub language: String,
    pub time_zone: String,
    pub totp_secret: Option<String>,
    pub totp_enabled: bool,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
}

impl User {
    pub fn language(&self) -> Language {
        Language::parse(&self.language).unwrap_or_default()
    }
    /// An invited person who has not yet chosen a password.
    pub fn is_pending(&self) -> bool {
        self.password_hash.is_none()
    }
}

pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: Option<&'a str>,
    pub roles: &'a [Role],
    pub language: Language,
}

pub fn create(conn: &mut DbConn, new: NewUser<'_>) -> QueryResult<User> {
    let id = new_id();
    let t = now();
    diesel::insert_into(users::table)
        .values((
            users::id.eq(&id),
            users::email.eq(new.email),
            users::password_hash.eq(new.password_hash),
            users::display_name.eq(new.display_name),
            users::language.eq(new.language.as_str()),
            users::time_zone.eq("UTC"),
            users::totp_enabled.eq(false),
            users::created_at.eq(t),
            users::updated_at.eq(t),
        ))
        .execute(conn)?;
    set_roles(conn, &id, new.roles)?;
    find(conn, &id)
}

pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<User> {
    users::table.find(id).select(User::as_select()).first(conn)
}

pub fn find_opt(conn: &mut DbConn, id: &str) -> QueryResult<Option<User>> {
    users::table
        .find(id)
        .select(User::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_email(conn: &mut DbConn, email: &str) -> QueryResult<Option<User>> {
    users::table
        .filter(users::email.eq(email))
        .select(User::as_select())
        .first(conn)
        .optional()
}

pub fn email_taken(conn: &mut DbConn, email: &str) -> QueryResult<bool> {
    Ok(find_by_email(conn, email)?.is_some())
}

pub fn list(conn: &mut DbConn) -> QueryResult<Vec<User>> {
    users::table
        .order(users::email.asc())
        .select(User::as_select())
        .load(conn)
}

pub fn roles(conn: &mut DbConn, user_id: &str) -> QueryResult<Vec<Role>> {
    let names: Vec<String> = user_roles::table
        .filter(user_roles::user_id.eq(user_id))
        .select(user_roles::role)
        .load(conn)?;
    let mut roles: Vec<Role> = names.iter().filter_map(|n| Role::parse(n)).collect();
    roles.sort();
    Ok(roles)
}

/// Every user's roles in one query, for lists.
pub fn all_roles(conn: &mut DbConn) -> QueryResult<Vec<(String, Role)>> {
    let rows: Vec<(String, String)> = user_roles::table
        .select((user_roles::user_id, user_roles::role))
        .load(conn)?;
    let mut all: Vec<(String, Role)> = rows
        .into_iter()
        .filter_map(|(u, r)| Role::parse(&r).map(|r| (u, r)))
        .collect();
    all.sort();
    Ok(all)
}

pub fn set_roles(conn: &mut DbConn, user_id: &str, roles: &[Role]) -> QueryResult<()> {
    diesel::delete(user_roles::table.filter(user_roles::user_id.eq(user_id))).execute(conn)?;
    for r in roles {
        diesel::insert_into(user_roles::table)
            .values((
                user_roles::user_id.eq(user_id),
                user_roles::role.eq(r.as_str()),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Ids of everyone who holds a role, oldest account first.
pub fn ids_with_role(conn: &mut DbConn, role: Role) -> QueryResult<Vec<String>> {
    user_roles::table
        .inner_join(users::table)
        .filter(user_roles::role.eq(role.as_str()))
        .order(users::created_at.asc())
        .select(users::id)
        .load(conn)
}

pub fn has_role(conn: &mut DbConn, user_id: &str, role: Role) -> QueryResult<bool> {
    let n: i64 = user_roles::table
        .filter(user_roles::user_id.eq(user_id))
        .filter(user_roles::role.eq(role.as_str()))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

pub fn set_password(conn: &mut DbConn, user_id: &str, hash: &str) -> QueryResult<()> {
    diesel::update(users::table.find(user_id))
        .set((users::password_hash.eq(hash), users::updated_at.eq(now())))
        .execute(conn)?;
    Ok(())
}

pub struct Profile<'a> {
    pub display_name: &'a str,
    pub legal_name: Option<&'a str>,
    pub pronouns: Option<&'a str>,
    pub language: Language,
    pub time_zone: &'a str,
}

pub fn update_profile(conn: &mut DbConn, user_id: &str, p: Profile<'_>) -> QueryResult<()> {
    diesel::update(users::table.find(user_id))
        .set((
            users::display_name.eq(p.display_name),
            users::legal_name.eq(p.legal_name),
            users::pronouns.eq(p.pronouns),
            users::language.eq(p.language.as_str()),
            users::time_zone.eq(p.time_zone),
            users::updated_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn set_language(conn: &mut DbConn, user_id: &str, lang: Language) -> QueryResult<()> {
    diesel::update(users::table.find(user_id))
        .set(users::language.eq(lang.as_str()))
        .execute(conn)?;
    Ok(())
}

pub fn set_display_name(conn: &mut DbConn, user_id: &str, name: &str) -> QueryResult<()> {
    diesel::update(users::table.find(user_id))
        .set((users::display_name.eq(name), users::updated_at.eq(now())))
        .execute(conn)?;
    Ok(())
}

/// Takes a two-step code's time step for this person: true if it is later than any taken
/// before (one statement, so two sign-ins racing with one code cannot both win).
pub fn use_totp_step(conn: &mut DbConn, user_id: &str, step: i64) -> QueryResult<bool> {
    let n = diesel::update(
        users::table.find(user_id).filter(
            users::totp_last_step
                .is_null()
                .or(users::totp_last_step.lt(step)),
        ),
    )
    .set(users::totp_last_step.eq(step))
    .execute(conn)?;
    Ok(n == 1)
}

/// Stores a new, not yet confirmed, two-factor secret.
pub fn set_totp_secret(
    conn: &mut DbConn,
    user_id: &str,
    secret: Option<&str>,
    enabled: bool,
) -> QueryResult<()> {
    diesel::update(users::table.find(user_id))
        .set((
            users::totp_secret.eq(secret),
            users::totp_enabled.eq(enabled),
            // Steps taken belong to the old secret; the new one starts fresh.
            users::totp_last_step.eq(None::<i64>),
            users::updated_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}
