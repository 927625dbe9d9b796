// Search over everything I may see on my teams' boards: one- and two-character words too (熱, 痛み),
// filters, newest or best first, matches marked. The URL holds the search, so it can be reloaded
// and shared with myself (it never leaves the browser otherwise).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { query } from '../api/client';
import type { SearchCursor, SearchFilters as Filters, SearchHit } from '../api/types';
import { PostPlace } from '../components/post_place';
import { ErrorAlert, Field, Loading, PageHeader } from '../components/ui';
import { useLoad, usePagedList } from '../hooks';
import { navigate, useLocation } from '../router';

function filtersFrom(params: URLSearchParams): Filters {
  return {
    q: params.get('q') ?? '',
    board: params.get('board') ?? '',
    tag: params.get('tag') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    important: params.get('important') === '1',
    files: params.get('files') === '1',
    order: params.get('order') === 'best' ? 'best' : 'newest',
  };
}

function queryOf(f: Filters): string {
  return query({ q: f.q.trim(), board: f.board, tag: f.tag, from: f.from, to: f.to, important: f.important ? 1 : '', files: f.files ? 1 : '', order: f.order === 'best' ? 'best' : '' });
}

export function SearchPage() {
  const { search } = useLocation();
  const applied = filtersFrom(search);
  const [draft, setDraft] = useState<Filters>(applied);
  const [teams] = useLoad(() => api.boards.careTeams(), []);
  const [tags] = useLoad(() => api.region.tags(), []);
  const key = queryOf(applied);
  // A new search starts from nothing; 「さらに表示」 goes on from where the last page ended.
  const results = usePagedList(
    (cursor?: SearchCursor) => (applied.q.trim() ? api.inbox.search(applied, cursor) : null),
    (p) => (p.next_before ? { before: p.next_before } : p.next_offset ? { offset: p.next_offset } : null),
    [key],
    { reset: true },
  );
  const { last: page, error, busy } = results;
  const hits = results.items ?? [];

  useEffect(() => {
    setDraft(applied);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const submit = (e: Event) => {
    e.preventDefault();
    navigate('/search' + queryOf(draft));
  };
  const set = <K extends keyof Filters>(k: K, v: Filters[K]) => setDraft({ ...draft, [k]: v });
  const value = (e: Event) => (e.currentTarget as HTMLInputElement).value;

  return (
    <>
      <PageHeader title="検索" />
      <form class="card search-form" role="search" onSubmit={submit}>
        <div class="search-box">
          <label for="search-q" class="visually-hidden">
            検索する言葉
          </label>
          <input id="search-q" type="search" placeholder="例: 熱　転倒　ふらつき" value={draft.q} onInput={(e) => set('q', value(e))} />
          <button type="submit" class="primary">
            検索
          </button>
        </div>
        <details class="search-filters" open={Boolean(applied.board || applied.tag || applied.from || applied.to || applied.important || applied.files)}>
          <summary>条件を絞る</summary>
          <div class="filter-grid">
            <Field id="search-team" label="ケアチーム">
              {(p) => (
              <select {...p} value={draft.board} onChange={(e) => set('board', value(e))}>
                <option value="">すべて</option>
                {teams?.items.map((t) => (
                  <option key={t.id} value={String(t.id)}>
                    {t.person?.name} さん
                  </option>
                ))}
              </select>
              )}
            </Field>
            <Field id="search-tag" label="分類">
              {(p) => (
              <select {...p} value={draft.tag} onChange={(e) => set('tag', value(e))}>
                <option value="">すべて</option>
                {tags?.items.map((t) => (
                  <option key={t.id} value={String(t.id)}>
                    {t.name}
                  </option>
                ))}
              </select>
              )}
            </Field>
            <Field id="search-from" label="期間（から）">
              {(p) => (
              <input {...p} type="date" value={draft.from} onInput={(e) => set('from', value(e))} />
              )}
            </Field>
            <Field id="search-to" label="期間（まで）">
              {(p) => (
              <input {...p} type="date" value={draft.to} onInput={(e) => set('to', value(e))} />
              )}
            </Field>
            <Field id="search-order" label="並び順">
              {(p) => (
              <select {...p} value={draft.order} onChange={(e) => set('order', value(e) === 'best' ? 'best' : 'newest')}>
                <option value="newest">新しい順</option>
                <option value="best">よく合う順</option>
              </select>
              )}
            </Field>
          </div>
          <label class="checkbox">
            <input type="checkbox" checked={draft.important} onChange={(e) => set('important', (e.currentTarget as HTMLInputElement).checked)} /> 重要な投稿だけ
          </label>
          <label class="checkbox">
            <input type="checkbox" checked={draft.files} onChange={(e) => set('files', (e.currentTarget as HTMLInputElement).checked)} /> ファイル付きだけ
          </label>
        </details>
      </form>
      <ErrorAlert error={error} />
      {!applied.q.trim() && <p class="muted">投稿・返信・ファイル名から探します。1文字（熱）や2文字（痛み）の言葉でも探せます。スペースで区切ると、すべてを含むものを探します。</p>}
      {busy && !page && <Loading />}
      {page && (
        <p class="muted" role="status">
          {page.total === 0 ? '見つかりませんでした。' : `${page.total_capped ? `${page.total}件以上` : `${page.total}件`}見つかりました。`}
        </p>
      )}
      <ul class="plain-list search-results">
        {hits.map((h) => (
          <li key={h.post.id}>
            <SearchResult hit={h} />
          </li>
        ))}
      </ul>
      {results.hasMore && (
        <button type="button" class="secondary wide" disabled={busy} onClick={() => void results.more()}>
          さらに表示
        </button>
      )}
    </>
  );
}

function SearchResult({ hit }: { hit: SearchHit }) {
  const { post, board } = hit;
  return (
    <article class="search-hit">
      <PostPlace board={board} post={post} />
      <div class="post-marks">
        {post.parent_id && <span class="badge badge--muted">返信</span>}
        {post.important && <span class="badge badge--important">重要</span>}
        {post.restricted && <span class="badge badge--restricted">特別便</span>}
        {post.tag && <span class="badge">{post.tag.name}</span>}
        <span class="small">
          <strong>{post.author.name}</strong> <span class="muted">{post.author.facility_name}</span>
        </span>
      </div>
      <p class="search-excerpt">
        {hit.excerpt.map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : part.text))}
      </p>
      {hit.matching_files.length > 0 && <p class="small">ファイル: {hit.matching_files.join('、')}</p>}
    </article>
  );
}
