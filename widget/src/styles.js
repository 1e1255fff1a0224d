//! All of the widget's CSS; it lives only inside the shadow root.
// Host-page selectors can't match inside the shadow root; the only way in is inheritance through the host
// element. So the host is reset with `all: initial !important` (inner-context !important beats the page's
// !important) and .r sets font and color explicitly; sizes are px, never rem/em, which would follow the page.
// The reset uses :where() so it has zero specificity. --c is the bot's primary color, --f the text color readable on it.
export const CSS = `
:host{all:initial!important}
.r{all:initial;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#0f172a;--c:#0EA5E9;--f:#0f172a}
:where(.r *){box-sizing:border-box;margin:0;padding:0;font:inherit;color:inherit;letter-spacing:normal;text-transform:none}
[hidden]{display:none!important}
svg{width:22px;height:22px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}
button{cursor:pointer;border:0;background:none;font-size:14px}
button:disabled{cursor:default;opacity:.55}
:focus-visible{outline:2px solid var(--c);outline-offset:2px}
.h :focus-visible{outline-color:var(--f)}
.l,.w{position:fixed;z-index:2147483000;right:20px}
.left .l,.left .w{right:auto;left:20px}
.l{bottom:20px;width:56px;height:56px;border-radius:50%;background:var(--c);color:var(--f);display:flex;align-items:center;justify-content:center;box-shadow:0 6px 20px rgba(15,23,42,.25);transition:transform .15s}
.l:hover{transform:scale(1.06)}
.l svg{width:26px;height:26px}
.l .i-close,.open .l .i-chat{display:none}
.open .l .i-close{display:block}
.w{bottom:88px;width:370px;height:min(600px,calc(100% - 110px));display:flex;flex-direction:column;background:#fff;border-radius:16px;overflow:hidden;box-shadow:0 12px 40px rgba(15,23,42,.18),0 2px 8px rgba(15,23,42,.08);opacity:0;visibility:hidden;transform:translateY(12px) scale(.98);transform-origin:bottom right;transition:opacity .2s,transform .2s,visibility 0s .2s}
.left .w{transform-origin:bottom left}
.open .w{opacity:1;visibility:visible;transform:none;transition:opacity .2s,transform .2s}
@media (max-width:639.98px){.r .w{left:0;right:0;bottom:0;width:100%;height:88%;border-radius:16px 16px 0 0}}
@media (prefers-reduced-motion:reduce){.r *{transition:none!important;animation:none!important}}
.h{display:flex;align-items:center;gap:4px;padding:12px 10px 12px 18px;background:var(--c);color:var(--f)}
.h h2{flex:1;font-size:16px;font-weight:600;color:var(--f);white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.ib{width:36px;height:36px;border-radius:10px;color:var(--f);display:flex;align-items:center;justify-content:center}
.ib:hover{background:rgba(127,127,127,.22)}
.ib svg{width:20px;height:20px}
.chat{flex:1;display:flex;flex-direction:column;min-height:0}
.s{flex:1;overflow-y:auto;padding:16px;background:#f8fafc;display:flex;flex-direction:column;gap:8px}
.log{display:flex;flex-direction:column;gap:8px}
.m{display:flex;flex-direction:column;align-items:flex-start;max-width:85%}
.m.user{align-self:flex-end;align-items:flex-end}
.m.system{align-self:center;max-width:100%}
.b{padding:9px 13px;border-radius:16px 16px 16px 4px;font-size:14px;line-height:1.45;color:#0f172a;background:#fff;border:1px solid #e2e8f0;white-space:pre-wrap;overflow-wrap:anywhere}
.user .b{background:var(--c);color:var(--f);border-color:transparent;border-radius:16px 16px 4px 16px}
.operator .b{background:#fff7ed;border-color:#fdba74}
.system .b{background:none;border:0;color:#64748b;font-size:12px;text-align:center}
.p .b{opacity:.65}
.x .b{border:1px dashed #dc2626}
.lb{font-size:11px;font-weight:600;color:#c2410c;margin:0 0 3px 6px}
.err{display:flex;flex-wrap:wrap;align-items:center;gap:4px 10px;margin-top:5px;font-size:12px;color:#b91c1c}
.user .err{justify-content:flex-end;text-align:right}
.lk{font-size:12px;font-weight:600;color:#0f172a;text-decoration:underline;padding:2px}
.chs{display:flex;flex-wrap:wrap;gap:6px;margin-top:6px}
.ch{padding:6px 10px;border-radius:999px;font-size:13px;color:#0f172a;border:1px solid var(--c);background:#fff;text-align:left}
.ch:hover,.ch:focus-visible{background:#f1f5f9}
.t{display:flex;gap:4px;align-self:flex-start;padding:13px 14px;background:#fff;border:1px solid #e2e8f0;border-radius:16px 16px 16px 4px}
.t span{width:6px;height:6px;border-radius:50%;background:#94a3b8;animation:d 1.2s infinite}
.t span:nth-child(2){animation-delay:.15s}
.t span:nth-child(3){animation-delay:.3s}
.t .sr,.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);background:none;animation:none}
@keyframes d{30%{opacity:1;transform:translateY(-3px)}0%,60%,to{opacity:.35}}
.c{display:flex;gap:8px;align-items:flex-end;padding:10px 12px;border-top:1px solid #e2e8f0;background:#fff}
textarea,input{width:100%;border:1px solid #cbd5e1;border-radius:12px;padding:9px 12px;font-size:14px;line-height:1.4;color:#0f172a;background:#fff}
textarea{flex:1;resize:none;height:40px;max-height:120px}
textarea:focus-visible,input:focus-visible{outline-offset:0;border-color:var(--c)}
.sb{flex:none;width:40px;height:40px;border-radius:12px;background:var(--c);color:var(--f);display:flex;align-items:center;justify-content:center}
.sb svg{width:18px;height:18px}
.lf{flex:1;overflow-y:auto;padding:20px 18px;display:flex;flex-direction:column;gap:12px;background:#fff}
.lf h3,.ok{font-size:15px;font-weight:600;color:#0f172a}
label,.fld{display:flex;flex-direction:column;gap:4px;font-size:13px;font-weight:500;color:#334155}
[aria-invalid=true]{border-color:#dc2626}
.fe{font-size:12px;font-weight:400;color:#b91c1c}
.fe:empty{display:none}
.cn{font-size:12px;color:#475569;margin:4px 0 8px;line-height:1.4}
.cn a{color:#1d4ed8;text-decoration:underline}
.row{display:flex;gap:8px;flex-wrap:wrap}
.btn,.btn2{padding:9px 14px;border-radius:10px;font-size:14px;font-weight:600}
.btn{background:var(--c);color:var(--f)}
.btn2{color:#334155;border:1px solid #cbd5e1;background:#fff}
`;
