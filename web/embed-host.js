// embed-host.js: optional, for the page that holds tconv iframes (embed.html). With it, each frame
// takes the height of its content; without it, a frame keeps the height its tag gives (the README's
// heights fit a 360 px phone). One line on the page, no inline script:
//   <script src="https://example.org/tconv/embed-host.js" defer></script>
// Only messages from one of this page's own iframes of embed.html, sent from that frame's own origin
// (the origin of its src), are read; the height is a number, bounded, set as the frame's height attribute (no
// style, so a strict style-src is no obstacle).
(() => {
  // A tconv frame: an iframe of embed.html (on any host: a copy of the site, a CDN).
  const src = (frame) => {
    try {
      const u = new URL(frame.src, location.href);
      return u.pathname.endsWith('/embed.html') ? u : null;
    } catch {
      return null;
    }
  };
  const frameOf = (event) => {
    for (const frame of document.querySelectorAll('iframe')) {
      if (frame.contentWindow !== event.source) continue;
      return src(frame)?.origin === event.origin ? frame : null;
    }
    return null;
  };
  addEventListener('message', (event) => {
    const data = event.data;
    if (data?.type !== 'tconv-embed-height' || typeof data.height !== 'number' || !Number.isFinite(data.height)) return;
    const frame = frameOf(event);
    if (!frame) return;
    const height = String(Math.round(Math.min(Math.max(data.height, 48), 16000)));
    if (frame.getAttribute('height') !== height) frame.setAttribute('height', height);
  });
  // Frames that loaded before this script: ask them again.
  const ask = () => {
    for (const frame of document.querySelectorAll('iframe')) {
      const u = src(frame);
      // Sent to the origin of its src only: a frame that went elsewhere is not asked.
      if (u) frame.contentWindow?.postMessage({ type: 'tconv-embed-ask' }, u.origin);
    }
  };
  if (document.readyState === 'loading') addEventListener('DOMContentLoaded', ask);
  else ask();
})();
