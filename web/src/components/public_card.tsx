// The frame of every page reachable without a session (login, invitation, certificate set-up and
// help): the Musubi mark, a title and a line under it, then the page's content in one card.
import type { ComponentChildren } from 'preact';

export function PublicCard({ title, subtitle, wide, children }: { title: string; subtitle: string; wide?: boolean; children: ComponentChildren }) {
  return (
    <div class="login-screen">
      <main class={wide ? 'login-card device-setup' : 'login-card'} id="main">
        <div class="login-brand">
          <img src="/favicon.svg" alt="" width={48} height={48} />
          <div>
            <h1>{title}</h1>
            <p>{subtitle}</p>
          </div>
        </div>
        {children}
      </main>
    </div>
  );
}
