/*
 * Who else has this item open (alliance_portal/publishing/presence.py): while the page
 * is visible, tell the server every few seconds that it is still open here, and show
 * the server's answer in the banner, in the admin's language. A hidden page sends
 * nothing, so its user drops out for the others; it asks again as soon as it is seen.
 * Without this script the banner shows what the server knew when the page was made.
 */
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const banner = document.querySelector(".presence-banner[data-presence-url]");
  const token = banner?.closest("form")?.querySelector("input[name=csrfmiddlewaretoken]");
  if (!banner || !token) {
    return;
  }
  const interval = Number(banner.dataset.presenceInterval) || 30000;
  let timer = null;
  let gone = false;

  async function heartbeat() {
    let response;
    try {
      response = await fetch(banner.dataset.presenceUrl, {
        method: "POST",
        headers: { "X-CSRFToken": token.value, Accept: "application/json" },
        credentials: "same-origin",
      });
    } catch {
      return; // Offline for a moment: the next beat tries again.
    }
    if (response.status === 403 || response.status === 404) {
      // Signed out, no longer allowed, or the item was deleted: stop asking.
      gone = true;
      stop();
      return;
    }
    if (response.ok) {
      const text = (await response.json()).text;
      if (banner.textContent !== text) {
        banner.textContent = text;
      }
    }
  }

  function start() {
    if (timer === null && !gone) {
      timer = window.setInterval(heartbeat, interval);
    }
  }

  function stop() {
    window.clearInterval(timer);
    timer = null;
  }

  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") {
      stop();
    } else if (!gone) {
      heartbeat();
      start();
    }
  });
  if (document.visibilityState === "visible") {
    start();
  }
});
