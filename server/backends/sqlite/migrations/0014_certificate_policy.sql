-- Region policy: professionals log in only from a device with a certificate (on by default, as
-- the 厚労省 guideline expects; the demo region turns it off so that it can be tried at once).
ALTER TABLE regions ADD COLUMN certificate_required INTEGER NOT NULL DEFAULT 1;
