// The record's fixed vocabularies (要介護度, 自立度, ADL levels …) come from the server once per
// page load, so that their labels live in one place (server/person/record_codes.cpp).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import type { Vocabularies, Vocabulary } from '../../api/types';

let cached: Promise<Vocabularies> | null = null;

export function useVocabularies(): Vocabularies | null {
  const [v, setV] = useState<Vocabularies | null>(null);
  useEffect(() => {
    cached ??= api.record.vocabularies();
    cached.then(setV).catch(() => {
      cached = null;
    });
  }, []);
  return v;
}

export function label(vocabulary: Vocabulary, code: string | undefined | null): string {
  if (!code) return '';
  return vocabulary.codes.find((c) => c.code === code)?.label ?? code;
}
