// The demo clock's banner (issue 13, Medium 6): while the clock is moved, every page of the H5 app
// shows it. Served by the host as a script the page loads (no change to the app's pages); it asks
// GET /local/clock and draws a fixed strip when the offset is not zero.
export const CLOCK_BANNER_PATH = '/local/clock-banner.js';

export const CLOCK_BANNER_JS = `(function () {
  var bar;
  function show(data) {
    if (!data || !data.offsetDays) { if (bar) bar.style.display = 'none'; return; }
    if (!bar) {
      bar = document.createElement('div');
      bar.id = 'demo-clock-banner';
      bar.setAttribute('role', 'status');
      bar.style.cssText = 'position:fixed;left:0;right:0;bottom:0;z-index:99999;padding:4px 8px;background:#b91c1c;color:#fff;font-size:12px;line-height:1.5;text-align:center;pointer-events:none;';
      document.body.appendChild(bar);
    }
    var shown = new Date(data.now).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    bar.textContent = '演示时钟已调快' + data.offsetDays + '天：系统时间为' + shown + '（仅本地演示）';
    bar.style.display = 'block';
  }
  function poll() {
    fetch('/local/clock', { credentials: 'same-origin' }).then(function (r) { return r.json(); }).then(function (b) { show(b && b.data); }).catch(function () {});
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', poll); else poll();
  setInterval(poll, 15000);
})();
`;

/** The page with the banner's script added (local mode only). */
export function withClockBanner(html: string): string {
  return html.replace('</head>', `<script defer="defer" src="${CLOCK_BANNER_PATH}"></script></head>`);
}
