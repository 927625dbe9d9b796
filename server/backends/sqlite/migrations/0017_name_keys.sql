-- Keys re-made with the folding rules of core/text (long vowels, ヴ, ぢ/づ), and a table of the
-- prefixes a person is found by (whole reading and name, given name alone), kept by triggers so
-- that a search is one range of an index instead of a scan of the region's persons.

UPDATE persons SET search_key = musubi_search_key(name_kana) || '|' || musubi_search_key(name);
UPDATE facilities SET search_key = musubi_search_key(name_kana) || '|' || musubi_search_key(name);
UPDATE users SET search_key =
  musubi_search_key(name_kana) || '|' || musubi_search_key(name) || '|' || lower(login_id);

CREATE TABLE person_name_keys (
  region_id INTEGER NOT NULL,
  key TEXT NOT NULL,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  facility_id INTEGER,  -- the registering facility, for facility administrators' searches
  PRIMARY KEY (region_id, key, person_id)
) WITHOUT ROWID;
CREATE INDEX person_name_keys_facility ON person_name_keys(facility_id, key, person_id);

INSERT OR IGNORE INTO person_name_keys (region_id, key, person_id, facility_id)
  SELECT p.region_id, k.value, p.id, p.registered_by_facility_id
  FROM persons p, json_each(musubi_name_keys(p.name_kana, p.name)) k;

CREATE TRIGGER person_name_keys_insert AFTER INSERT ON persons BEGIN
  INSERT OR IGNORE INTO person_name_keys (region_id, key, person_id, facility_id)
    SELECT NEW.region_id, value, NEW.id, NEW.registered_by_facility_id
    FROM json_each(musubi_name_keys(NEW.name_kana, NEW.name));
END;

CREATE TRIGGER person_name_keys_update
AFTER UPDATE OF name, name_kana, registered_by_facility_id ON persons BEGIN
  DELETE FROM person_name_keys WHERE region_id = OLD.region_id AND person_id = OLD.id
    AND key IN (SELECT value FROM json_each(musubi_name_keys(OLD.name_kana, OLD.name)));
  INSERT OR IGNORE INTO person_name_keys (region_id, key, person_id, facility_id)
    SELECT NEW.region_id, value, NEW.id, NEW.registered_by_facility_id
    FROM json_each(musubi_name_keys(NEW.name_kana, NEW.name));
END;
