/**
 * A new version 4 UUID, made by SQLite as a row is written: the Open Referral UK id of an
 * organisation, place, service or taxonomy term (migrations/0041_open_referral_ids.sql, which
 * uses the same expression for rows made before it and in its triggers). Each repository's
 * INSERT writes it in the same statement, so a new row has its id from the start and the
 * migration's triggers (a second write of the row) are left for rows made any other way.
 */
export const NEW_OPEN_REFERRAL_ID_SQL =
  "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || " +
  "substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"
