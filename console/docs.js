// The API reference: Swagger UI (swagger-ui-dist, served by the mock) over /__mock/openapi/<provider>.json.
;(async () => {
  const select = document.getElementById('provider')
  const { documents } = await (await fetch('/__mock/openapi')).json()
  for (const d of documents) select.append(new Option(d.title, d.provider))
  const wanted = new URLSearchParams(location.search).get('provider')
  if (wanted && documents.some((d) => d.provider === wanted)) select.value = wanted
  const show = () => {
    const doc = documents.find((d) => d.provider === select.value)
    document.getElementById('json').href = doc.json
    document.getElementById('yaml').href = doc.yaml
    history.replaceState(null, '', `?provider=${doc.provider}`)
    // validatorUrl null: no call to the public validator, the page stays offline.
    window.SwaggerUIBundle({
      url: doc.json,
      dom_id: '#swagger',
      deepLinking: false,
      validatorUrl: null,
      // x-mock-source, x-mock-rules: where each part comes from, shown beside it.
      showExtensions: true,
      showCommonExtensions: true,
    })
  }
  select.addEventListener('change', show)
  show()
})()
