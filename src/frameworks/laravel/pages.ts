import { textResponse } from '../../core/respond.js'

/** Symfony's ErrorHandler/Resources/assets/css/error.css (7.x), trimmed as HtmlErrorRenderer::include does. */
const ERROR_CSS =
  'body { background-color: #fff; color: #222; font: 16px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; margin: 0; }\n' +
  '.container { margin: 30px; max-width: 600px; }\n' +
  'h1 { color: #dc3545; font-size: 24px; }\n' +
  'h2 { font-size: 18px; }'

/**
 * Symfony's HtmlErrorRenderer page without debug (views/error.html.php): what
 * Laravel's handler renders for an HTTP exception that has no errors::N view
 * (Laravel ships views for 401, 402, 403, 404, 419, 429, 500 and 503 only).
 */
export function symfonyErrorPage(status: number, statusText: string): Response {
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
    <meta charset="UTF-8" />
    <meta name="robots" content="noindex,nofollow,noarchive" />
    <title>An Error Occurred: ${statusText}</title>
    <link rel="icon" href="data:image/svg+xml,<svg xmlns=%22http://www.w3.org/2000/svg%22 viewBox=%220 0 128 128%22><text y=%221.2em%22 font-size=%2296%22>❌</text></svg>" />
    <style>${ERROR_CSS}</style>
</head>
<body>
<div class="container">
    <h1>Oops! An Error Occurred</h1>
    <h2>The server returned a "${status} ${statusText}".</h2>

    <p>
        Something is broken. Please let us know what you were doing when this error occurred.
        We will fix it as soon as possible. Sorry for any inconvenience caused.
    </p>
</div>
</body>
</html>`
  return textResponse(html, { status, headers: { 'Content-Type': 'text/html; charset=UTF-8' } })
}
