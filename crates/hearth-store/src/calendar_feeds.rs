//! Members' private calendar feeds: one secret link each, kept only as a hash.

use crate::schema::calendar_feeds as cf;
use crate::{hash_secret, new_secret, DbConn};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// Makes a new secret for the member's feed, replacing any old one (whose link stops
/// working), and returns it: the only time it is seen.
pub fn renew(conn: &mut DbConn, member_id: &str, now: NaiveDateTime) -> QueryResult<String> {
    let secret = new_secret();
    diesel::delete(cf::table.filter(cf::member_id.eq(member_id))).execute(conn)?;
    diesel::insert_into(cf::table)
        .values((
            cf::member_id.eq(member_id),
            cf::token_hash.eq(hash_secret(&secret)),
            cf::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(secret)
}

pub fn remove(conn: &mut DbConn, member_id: &str) -> QueryResult<bool> {
    Ok(diesel::delete(cf::table.filter(cf::member_id.eq(member_id))).execute(conn)? == 1)
}

pub fn exists(conn: &mut DbConn, member_id: &str) -> QueryResult<bool> {
    Ok(cf::table
        .filter(cf::member_id.eq(member_id))
        .count()
        .get_result::<i64>(conn)?
        > 0)
}

/// Whose feed this secret opens, if anyone's.
pub fn member_for(conn: &mut DbConn, secret: &str) -> QueryResult<Option<String>> {
    cf::table
        .filter(cf::token_hash.eq(hash_secret(secret)))
        .select(cf::member_id)
        .first(conn)
        .optional()
}
