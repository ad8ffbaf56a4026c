/* agstats site: stand-in for MathJax, which Sphinx would otherwise load from a CDN.
   The site is offline by design; math, if any, stays visible as TeX source
   (styled in agstats-site.css). Intentionally does nothing. */
