/* Carebook booking widget loader (/embed.js): hand-written, no dependencies, defines only
   the global `Carebook`. Use: <script src="https://CAREBOOK/embed.js" async></script> and
   <div data-carebook="CLINIC"></div> (inline) or any data-carebook-open="CLINIC" element
   (a dialog). Options (data-*): service, practitioner ("any" or id), lang (en, es), brand
   ("#0b6e4f"), name, email, phone (prefill). JS: Carebook.open({clinic, service,
   practitioner, lang, brand, prefill: {name, email, phone}}), Carebook.on(event, fn) for
   "ready", "step", "booked", "closed". Page and frame talk by postMessage only, each
   checking the other's origin. */
(function () {
  "use strict";
  if (window.Carebook) return;
  var script = document.currentScript;
  var base = new URL(script ? script.src : "/embed.js", location.href).origin;
  var listeners = {};
  var frames = [];
  var dialog = null;

  function emit(name, detail) {
    (listeners[name] || []).slice().forEach(function (fn) {
      try { fn(detail); } catch (e) { setTimeout(function () { throw e; }); }
    });
  }

  function options(el) {
    var d = el.dataset;
    return {
      clinic: d.carebook || d.carebookOpen,
      service: d.service, practitioner: d.practitioner, lang: d.lang, brand: d.brand,
      prefill: { name: d.name, email: d.email, phone: d.phone }
    };
  }

  function frameUrl(o, mode) {
    var q = new URLSearchParams({ host: location.origin });
    if (mode === "popup") q.set("mode", "popup");
    if (o.service) q.set("service", o.service);
    if (o.practitioner) q.set("practitioner", o.practitioner);
    if (o.lang) q.set("lang", o.lang);
    if (o.brand) q.set("brand", String(o.brand).replace(/^#/, ""));
    return base + "/embed/" + encodeURIComponent(o.clinic) + "?" + q;
  }

  function makeFrame(o, mode) {
    var f = document.createElement("iframe");
    f.src = frameUrl(o, mode);
    f.title = o.lang === "es" ? "Reservar una cita" : "Book a visit";
    f.style.cssText = "display:block;width:100%;border:0;" + (mode === "popup" ? "height:100%" : "height:640px");
    var entry = { frame: f, options: o, mode: mode };
    frames.push(entry);
    return entry;
  }

  // Messages from our frames only: the right origin, from a window we created.
  window.addEventListener("message", function (e) {
    if (e.origin !== base || !e.data || e.data.carebook !== "v1") return;
    var entry = null;
    frames.forEach(function (x) { if (x.frame.contentWindow === e.source) entry = x; });
    if (!entry) return;
    var m = e.data;
    if (m.type === "height" && entry.mode === "inline") {
      entry.frame.style.height = Math.max(200, Math.ceil(+m.height || 0)) + "px";
    } else if (m.type === "ready") {
      var p = entry.options.prefill || {};
      if (p.name || p.email || p.phone) {
        e.source.postMessage({ carebook: "v1", type: "prefill", name: p.name, email: p.email, phone: p.phone }, base);
      }
      emit("ready", { clinic: entry.options.clinic });
    } else if (m.type === "step") {
      emit("step", { clinic: entry.options.clinic, step: m.step, number: m.number });
    } else if (m.type === "booked") {
      emit("booked", {
        clinic: entry.options.clinic, start: m.start, end: m.end, local_date: m.local_date,
        local_time: m.local_time, time_zone: m.time_zone, service: m.service, practitioner: m.practitioner
      });
    } else if (m.type === "close" && entry.mode === "popup") {
      close();
    }
  });

  function inline(el) {
    if (el.carebookFrame) return;
    el.carebookFrame = true;
    var entry = makeFrame(options(el), "inline");
    el.appendChild(entry.frame);
  }

  // Inline widgets load when they come near the viewport.
  function mountInline(root) {
    var els = (root || document).querySelectorAll("[data-carebook]");
    if (!els.length) return;
    if (!("IntersectionObserver" in window)) return els.forEach(inline);
    var io = new IntersectionObserver(function (entries) {
      entries.forEach(function (x) {
        if (x.isIntersecting) { io.unobserve(x.target); inline(x.target); }
      });
    }, { rootMargin: "400px" });
    els.forEach(function (el) { io.observe(el); });
  }

  var style = "dialog.carebook-dialog{padding:0;border:0;width:min(100vw,36rem);max-width:100vw;height:min(100dvh,48rem);max-height:100dvh;border-radius:12px;box-shadow:0 8px 40px rgba(0,0,0,.35);overflow:hidden}" +
    "dialog.carebook-dialog::backdrop{background:rgba(0,0,0,.5)}" +
    ".carebook-bar{display:flex;justify-content:flex-end;background:#fff;border-bottom:1px solid #c9d5d1}" +
    ".carebook-close{font:inherit;font-size:1rem;min-width:44px;min-height:44px;margin:4px;padding:0 .75rem;border:1px solid #4a5a63;border-radius:8px;background:#fff;color:#1b2a33;cursor:pointer}" +
    ".carebook-close:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}" +
    ".carebook-body{height:calc(100% - 53px)}" +
    "@media (max-width:40rem){dialog.carebook-dialog{width:100vw;height:100dvh;border-radius:0}}";

  var opener = null;
  function close() {
    if (!dialog || !dialog.open) return;
    dialog.close();
  }

  // `from`: the element clicked (Safari does not focus a clicked button), to give focus back to.
  function open(o, from) {
    if (!o || !o.clinic) return;
    opener = from || document.activeElement;
    if (dialog) { dialog.remove(); frames = frames.filter(function (x) { return x.mode !== "popup"; }); }
    if (style) {
      // A constructed sheet, which a strict page's CSP (no inline styles) allows; else <style>.
      try {
        var sheet = new CSSStyleSheet();
        sheet.replaceSync(style);
        document.adoptedStyleSheets = document.adoptedStyleSheets.concat(sheet);
      } catch (e) {
        var s = document.createElement("style");
        s.textContent = style;
        document.head.appendChild(s);
      }
      style = "";
    }
    var es = o.lang === "es";
    dialog = document.createElement("dialog");
    dialog.className = "carebook-dialog";
    dialog.setAttribute("aria-label", es ? "Reservar una cita" : "Book a visit");
    var bar = document.createElement("div");
    bar.className = "carebook-bar";
    var btn = document.createElement("button");
    btn.type = "button";
    btn.className = "carebook-close";
    btn.textContent = es ? "Cerrar" : "Close";
    btn.addEventListener("click", close);
    bar.appendChild(btn);
    var body = document.createElement("div");
    body.className = "carebook-body";
    var entry = makeFrame(o, "popup");
    body.appendChild(entry.frame);
    // Focus guards: Tab past the frame's last control comes back to the close button, and
    // Shift+Tab before the close button goes into the frame, so focus stays in the dialog.
    var after = document.createElement("span");
    after.tabIndex = 0;
    after.addEventListener("focus", function () { btn.focus(); });
    var before = document.createElement("span");
    before.tabIndex = 0;
    before.addEventListener("focus", function () { entry.frame.focus(); });
    dialog.append(before, bar, body, after);
    dialog.addEventListener("close", function () {
      emit("closed", { clinic: o.clinic });
      if (opener && opener.focus) opener.focus();
    });
    document.body.appendChild(dialog);
    dialog.showModal();
    btn.focus();
  }

  window.Carebook = {
    open: open,
    close: close,
    on: function (name, fn) { (listeners[name] = listeners[name] || []).push(fn); },
    off: function (name, fn) { listeners[name] = (listeners[name] || []).filter(function (f) { return f !== fn; }); },
    mount: mountInline
  };

  function start() {
    var link = document.createElement("link");
    link.rel = "preconnect";
    link.href = base;
    document.head.appendChild(link);
    mountInline();
    document.addEventListener("click", function (e) {
      var el = e.target.closest && e.target.closest("[data-carebook-open]");
      if (!el) return;
      e.preventDefault();
      open(options(el), el);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
