/* agstats site: the theme's two click handlers (print, full screen), moved out of inline
   onclick attributes so that the Content-Security-Policy can refuse every inline handler.
   scripts/build_site.py (add_csp) turns onclick="..." into data-agstats-click="...". */
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-agstats-click]");
  if (!button) return;
  const action = button.dataset.agstatsClick;
  if (action === "print") window.print();
  else if (action === "fullscreen" && typeof toggleFullScreen === "function") toggleFullScreen();
});
