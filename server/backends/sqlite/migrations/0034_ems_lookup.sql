-- The emergency lookup (C7, issue 23): a crew finds a person by birth date or by the digits of a
-- phone number as typed in any format, the last digits alone too. Both are ranges of an index:
-- phone_key holds the digits reversed ("029-864-1234" → "4321468920"), so "1234" is a prefix.

ALTER TABLE persons ADD COLUMN phone_key TEXT NOT NULL DEFAULT '';
UPDATE persons SET phone_key = musubi_phone_key(phone);

CREATE TRIGGER persons_phone_key_insert AFTER INSERT ON persons BEGIN
  UPDATE persons SET phone_key = musubi_phone_key(NEW.phone) WHERE id = NEW.id;
END;
CREATE TRIGGER persons_phone_key_update AFTER UPDATE OF phone ON persons BEGIN
  UPDATE persons SET phone_key = musubi_phone_key(NEW.phone) WHERE id = NEW.id;
END;

CREATE INDEX persons_region_birth ON persons(region_id, birth_date);
CREATE INDEX persons_region_phone ON persons(region_id, phone_key) WHERE phone_key <> '';
