/*
 * "Use my location": progressive enhancement for forms with a "Where?" box.
 *
 * In a form containing an element with data-use-my-location (the search box puts one right
 * after its Where box), and only when the browser has JavaScript and geolocation, this adds a
 * real <button type="button"> "Use my location" inside that element: after the box, never in
 * it. Without JavaScript the element stays empty and nothing about it shows. When
 * the browser gives a position, it fills the form's hidden inputs `lat` and `lng` (making them
 * if needed), puts "My location" in the `where` box and sends the form. If the position cannot
 * be had, it says so in plain words beside the button. Typing in the box again clears the point,
 * so what is typed wins.
 *
 * The point is rounded to 3 decimal places (about 100 metres): enough to find what is near,
 * without putting someone's exact spot in the address bar.
 */
;(function () {
  'use strict'

  if (!('geolocation' in navigator) || !document.querySelectorAll) return

  var MESSAGES = {
    1: 'We could not use your location because your browser did not allow it. Type a town, village or postcode instead.',
    2: 'We could not find your location. Type a town, village or postcode instead.',
    3: 'Finding your location took too long. Try again, or type a town, village or postcode instead.',
  }

  function round(value) {
    return Math.round(value * 1000) / 1000
  }

  function hiddenInput(form, name) {
    var input = form.querySelector('input[name="' + name + '"]')
    if (!input) {
      input = document.createElement('input')
      input.type = 'hidden'
      input.name = name
      form.appendChild(input)
    }
    return input
  }

  function clearPoint(form) {
    ;['lat', 'lng'].forEach(function (name) {
      var input = form.querySelector('input[name="' + name + '"]')
      if (input) input.value = ''
    })
  }

  function enhance(container) {
    var form = container.closest('form')
    if (!form || container.getAttribute('data-use-my-location-ready') === 'true') return
    container.setAttribute('data-use-my-location-ready', 'true')
    var where = form.querySelector('[name="where"]')

    var button = document.createElement('button')
    button.type = 'button'
    button.className = 'govuk-button govuk-button--secondary cg-use-my-location'
    button.setAttribute('data-module', 'govuk-button')
    button.textContent = 'Use my location'

    var message = document.createElement('p')
    message.className = 'govuk-body cg-use-my-location__message'
    message.setAttribute('role', 'status')

    container.appendChild(button)
    container.appendChild(message)

    if (where) {
      where.addEventListener('input', function () {
        clearPoint(form)
      })
    }

    button.addEventListener('click', function () {
      button.disabled = true
      message.textContent = 'Finding where you are…'
      navigator.geolocation.getCurrentPosition(
        function (position) {
          hiddenInput(form, 'lat').value = String(round(position.coords.latitude))
          hiddenInput(form, 'lng').value = String(round(position.coords.longitude))
          if (where) where.value = 'My location'
          message.textContent = 'Finding what is near you…'
          if (typeof form.requestSubmit === 'function') form.requestSubmit()
          else form.submit()
        },
        function (error) {
          button.disabled = false
          message.textContent = MESSAGES[error && error.code] || MESSAGES[2]
        },
        { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 },
      )
    })
  }

  function start() {
    var containers = document.querySelectorAll('[data-use-my-location]')
    for (var i = 0; i < containers.length; i++) enhance(containers[i])
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start)
  else start()
})()
