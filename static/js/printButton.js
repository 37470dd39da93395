/*
 * The large-print sheet's "Print this page" button: progressive enhancement, as printing
 * from a button needs JavaScript. Without it the page says how to print from the keyboard.
 *
 * At the start of each element with data-print-button this puts a button that opens the
 * browser's print dialogue. The keyboard hint beside it stays, for anyone who prefers it.
 */
;(function () {
  'use strict'

  if (typeof window.print !== 'function' || !document.querySelectorAll) return

  var places = document.querySelectorAll('[data-print-button]')
  for (var i = 0; i < places.length; i++) {
    var place = places[i]
    var button = document.createElement('button')
    button.type = 'button'
    button.className = 'govuk-button govuk-!-margin-bottom-2'
    button.setAttribute('data-module', 'govuk-button')
    button.textContent = 'Print this page'
    button.addEventListener('click', function () {
      window.print()
    })
    place.insertBefore(button, place.firstChild)
  }
})()
