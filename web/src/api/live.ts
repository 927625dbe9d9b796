// Where the live updates' WebSocket connects (web/src/live.ts keeps it open).
export const live = {
  // `after`: the last event seen, to be sent what was missed.
  socketUrl: (after: number | null) => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/live${after === null ? '' : `?after=${after}`}`,
};
