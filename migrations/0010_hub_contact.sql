-- How to reach a hub, and when it meets. A resident told to "ask your local hub" needs a
-- phone number and an email address to do it, and a time to go along. meeting_times holds
-- the hub's own words ("Third Tuesday of the month, 10:30am to 12 noon"); where it meets stays
-- in meeting_place_description and meeting_location_id.
ALTER TABLE hubs ADD COLUMN phone TEXT;
ALTER TABLE hubs ADD COLUMN email TEXT;
ALTER TABLE hubs ADD COLUMN meeting_times TEXT NOT NULL DEFAULT '';
