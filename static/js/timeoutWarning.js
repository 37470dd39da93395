// GOV.UK's timeout warning for staff accounts: 2 minutes before the 30-minute idle time-out,
// a dialog asks whether to stay signed in; "Stay signed in" tells the server (a POST with the
// form token), which starts the 30 minutes again. If nobody answers, the page goes to the
// sign-in page when the time is up. Without JavaScript none of this runs, and the server
// still signs the person out after 30 minutes.
;(function () {
  'use strict'
  var dialog = document.getElementById('timeout-warning')
  if (!dialog || typeof dialog.showModal !== 'function') return
  var idleMs = Number(dialog.getAttribute('data-idle-minutes')) * 60 * 1000
  if (!(idleMs > 0)) return
  var warnBeforeMs = 2 * 60 * 1000
  var warnTimer = null
  var endTimer = null
  var lastFocus = null

  function start() {
    window.clearTimeout(warnTimer)
    window.clearTimeout(endTimer)
    warnTimer = window.setTimeout(warn, Math.max(0, idleMs - warnBeforeMs))
    endTimer = window.setTimeout(function () {
      window.location.href = dialog.getAttribute('data-signed-out')
    }, idleMs)
  }

  function warn() {
    lastFocus = document.activeElement
    dialog.showModal()
  }

  function stay() {
    var body = new window.URLSearchParams()
    body.append('_csrf', dialog.getAttribute('data-csrf'))
    window
      .fetch(dialog.getAttribute('data-keep-alive'), {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: body.toString(),
      })
      .then(function (response) {
        if (!response.ok) throw new Error('not kept')
        dialog.close()
        if (lastFocus && lastFocus.focus) lastFocus.focus()
        start()
      })
      .catch(function () {
        window.location.href = dialog.getAttribute('data-signed-out')
      })
  }

  dialog.querySelector('[data-timeout-stay]').addEventListener('click', stay)
  // Escape means "stay signed in", as GOV.UK's pattern asks, rather than closing silently.
  dialog.addEventListener('cancel', function (event) {
    event.preventDefault()
    stay()
  })
  start()
})()
