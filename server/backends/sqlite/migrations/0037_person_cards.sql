-- 私の大切な情報カード (issue 23): the card a city hands out for the person's fridge. Its QR code
-- holds a random token that opens the emergency view for a signed-in crew only; its number is
-- printed for the crew to read out. One card is current per person: issuing a new one revokes
-- the one before (a lost card opens nothing).

CREATE TABLE person_cards (
  id INTEGER PRIMARY KEY,
  region_id INTEGER NOT NULL REFERENCES regions(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  number TEXT NOT NULL UNIQUE,
  token TEXT NOT NULL UNIQUE,
  issued_by INTEGER NOT NULL REFERENCES users(id),
  issued_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX person_cards_person ON person_cards(person_id, id);
