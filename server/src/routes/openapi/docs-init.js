// Starts Swagger UI on /api/docs. A file of its own (not an inline script) so the page works
// under a Content-Security-Policy without 'unsafe-inline'.
"use strict";
(function () {
  var root = document.getElementById("swagger-ui");
  if (typeof window.SwaggerUIBundle !== "function") {
    root.textContent =
      "The API page's files are missing (run .ci/setup and .ci/build). " +
      "The description itself is at /api/openapi.json.";
    return;
  }
  window.SwaggerUIBundle({
    url: root.getAttribute("data-url"),
    domNode: root,
    deepLinking: true,
    // Trying requests out needs a signed-in session for the console; the patient routes work.
    tryItOutEnabled: false,
  });
})();
