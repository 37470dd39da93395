/*
 * The map on /map: progressive enhancement over the list beside it.
 *
 * It reads its settings from the data attributes of #map (tile address, attribution, centre,
 * zoom, the page's filters as a query string, and the addresses of its data), shows the map,
 * and each time the map stops moving it asks the server for the markers in view
 * (/map/markers.json, clustered on the server) and for the list of what is in view
 * (/map/list, HTML made by the same template as the page).
 *
 * Keyboard: every marker is a focusable element with role="button" whose accessible name (and
 * title, the tooltip shown on hover) is the listing's name, or for a cluster where it is and
 * how many it holds ("16 groups around Ramsgate — zoom in"). Enter or Space on a listing opens
 * a popup with its name, category and a link; on a cluster it zooms in. Escape closes a popup
 * and puts focus back on its marker. A "Skip the map" link before the map goes to the list.
 * Hub areas, when shown, have their name in the middle as a button of the same kind ("Local
 * hub: Thanet"), whose popup links to the hub's page; clicking inside an area opens it too.
 *
 * The counts on the clusters add up to the number the list gives: a group that meets at
 * several places has a marker at each, but counts once (the server says which marker).
 *
 * No inline scripts or style attributes: Leaflet sets its styles from JavaScript, and ours
 * are in the stylesheet (CSP).
 */
;(function () {
  'use strict'

  var container = document.getElementById('map')
  if (!container || typeof L === 'undefined' || typeof window.fetch !== 'function') return

  var settings = container.dataset
  var query = settings.query || ''
  var list = document.getElementById('map-list')
  var status = document.getElementById('map-status')
  var hubsToggle = document.getElementById('map-hubs-toggle')
  var showHubs = document.getElementById('show-hubs')
  var noJsNote = document.getElementById('map-no-js')

  // Leaflet's markers and buttons are focusable: each is given role="button" and a name.
  function asButton(element, label) {
    if (!element) return
    element.setAttribute('role', 'button')
    element.setAttribute('aria-label', label)
    element.setAttribute('title', label)
  }

  var LIST_DELAY_MS = 300
  /** how long to wait before asking again for markers the server was still getting ready */
  var BUILDING_RETRY_MS = 2000

  if (noJsNote) noJsNote.hidden = true
  container.hidden = false

  var map = L.map(container, {
    center: [Number(settings.latitude), Number(settings.longitude)],
    zoom: Number(settings.zoom),
    minZoom: 2,
    maxZoom: 18,
    keyboard: true,
  })
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>')
  L.tileLayer(settings.tileUrl, { attribution: settings.attribution, maxZoom: 19 }).addTo(map)

  var layer = L.layerGroup().addTo(map)
  /** the markers on the map, by a key that stays the same while the marker would (so focus is kept) */
  var markers = new Map()
  var pendingMarkers = null
  var pendingList = null
  var listTimer = null
  /** set while the server is still getting the whole map ready: the markers are asked for again */
  var buildingTimer = null
  /** after zooming into a cluster from the keyboard, focus the marker nearest this point */
  var focusNear = null
  /** the marker whose popup was opened from the keyboard, to give focus back to */
  var returnFocusTo = null

  function say(text) {
    if (status) status.textContent = text
  }

  // Rounded outwards to 5 decimal places (about a metre), so nothing at the edge is lost.
  function down(value) {
    return (Math.floor(value * 1e5) / 1e5).toFixed(5)
  }
  function up(value) {
    return (Math.ceil(value * 1e5) / 1e5).toFixed(5)
  }

  function viewQuery() {
    var bounds = map.getBounds()
    var west = Math.max(-180, bounds.getWest())
    var south = Math.max(-90, bounds.getSouth())
    var east = Math.min(180, bounds.getEast())
    var north = Math.min(90, bounds.getNorth())
    if (!(west < east && south < north)) return null
    var zoom = Math.max(0, Math.min(20, Math.round(map.getZoom())))
    var bbox = [down(west), down(south), up(east), up(north)].join(',')
    return (query ? query + '&' : '') + 'bbox=' + bbox + '&zoom=' + zoom
  }

  function request(url, accept, previous) {
    if (previous) previous.abort()
    var controller = typeof window.AbortController === 'function' ? new window.AbortController() : null
    var promise = window
      .fetch(url, {
        headers: { Accept: accept },
        credentials: 'same-origin',
        signal: controller ? controller.signal : undefined,
      })
      .then(function (response) {
        if (!response.ok) throw new Error('The server answered ' + response.status)
        return accept.indexOf('json') >= 0 ? response.json() : response.text()
      })
    return { promise: promise, abort: controller ? controller.abort.bind(controller) : function () {} }
  }

  function isAbort(error) {
    return error && error.name === 'AbortError'
  }

  // ---- markers -------------------------------------------------------------------------

  function keyOf(feature) {
    var p = feature.properties
    var at = feature.geometry.coordinates.join(',')
    return p.cluster ? 'c' + feature.id + ':' + p.point_count + '@' + at : 'p' + p.id + '@' + at
  }

  function latLngOf(feature) {
    return L.latLng(feature.geometry.coordinates[1], feature.geometry.coordinates[0])
  }

  function element(tag, className, text) {
    var node = document.createElement(tag)
    if (className) node.className = className
    if (text !== undefined) node.textContent = text
    return node
  }

  function link(href, text) {
    var a = element('a', 'govuk-link', text)
    a.href = href
    return a
  }

  /** Enter or Space on a marker (a role="button" element) does what a click does. */
  function onActivate(marker, action) {
    marker.on('click', function () {
      action(false)
    })
    marker.on('add', function () {
      var icon = marker.getElement()
      if (!icon || icon.getAttribute('data-keys') === 'yes') return
      icon.setAttribute('data-keys', 'yes')
      icon.addEventListener('keydown', function (event) {
        if (event.key === 'Enter' || event.key === ' ' || event.key === 'Spacebar') {
          event.preventDefault()
          action(true)
        }
      })
    })
  }

  function openPopup(marker, content, fromKeyboard) {
    content.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' || event.key === 'Esc') {
        event.preventDefault()
        map.closePopup()
      }
    })
    returnFocusTo = fromKeyboard ? marker : null
    L.popup({ autoPanPadding: [40, 40], maxWidth: 280 })
      .setLatLng(marker.getLatLng())
      .setContent(content)
      .openOn(map)
    if (fromKeyboard) {
      var first = content.querySelector('a')
      if (first) first.focus()
    }
  }

  map.on('popupclose', function () {
    var marker = returnFocusTo
    returnFocusTo = null
    if (marker && marker.getElement() && document.body.contains(marker.getElement()))
      marker.getElement().focus()
  })

  function listingPopup(p) {
    var content = element('div', 'cg-map__popup')
    content.appendChild(element('p', 'govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1', p.name))
    if (p.category) content.appendChild(element('p', 'govuk-body-s govuk-!-margin-bottom-1', p.category))
    var more = element('p', 'govuk-body-s govuk-!-margin-bottom-0')
    more.appendChild(link(p.url, 'Find out more about ' + p.name))
    content.appendChild(more)
    return content
  }

  function listingMarker(feature) {
    var p = feature.properties
    var label = p.also_counted ? p.name + ' (it also meets at another place on the map)' : p.name
    var marker = L.marker(latLngOf(feature), {
      icon: L.divIcon({ className: 'cg-map__marker', iconSize: [44, 44], html: '' }),
      keyboard: true,
      title: label,
      riseOnHover: true,
    })
    marker.on('add', function () {
      asButton(marker.getElement(), label)
    })
    onActivate(marker, function (fromKeyboard) {
      openPopup(marker, listingPopup(p), fromKeyboard)
    })
    return marker
  }

  function shortCount(count) {
    if (count >= 10000) return Math.round(count / 1000) + 'k'
    if (count >= 1000) return (Math.round(count / 100) / 10).toString() + 'k'
    return String(count)
  }

  function groups(count) {
    return count === 1 ? '1 group' : count.toLocaleString('en-GB') + ' groups'
  }

  /** "16 groups around Ramsgate", and any counted in another marker: what a cluster holds and where. */
  function clusterWords(p, sameSpot) {
    var also = p.also_counted || 0
    var words
    if (p.point_count === 0) {
      words =
        groups(also) + (also === 1 ? ' that also meets' : ' that also meet') + ' somewhere else on the map'
    } else {
      words = groups(p.point_count)
      if (also > 0)
        words += ' and ' + also + ' more that also ' + (also === 1 ? 'meets' : 'meet') + ' somewhere else'
    }
    if (sameSpot) return words + (p.near ? ' at one place in ' + p.near : ' at one place')
    return words + (p.near ? ' around ' + p.near : ' here')
  }

  function sameSpotPopup(p) {
    var content = element('div', 'cg-map__popup')
    content.appendChild(
      element('p', 'govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1', clusterWords(p, true)),
    )
    var items = element('ul', 'govuk-list govuk-!-margin-bottom-0')
    p.listings.forEach(function (listing) {
      // The link and its category in blocks of their own: the link keeps its focus style
      // without running into other words.
      var item = element('li', 'govuk-!-margin-bottom-2')
      var name = element('p', 'govuk-body-s govuk-!-margin-bottom-0')
      name.appendChild(link(listing.url, listing.name))
      item.appendChild(name)
      if (listing.category)
        item.appendChild(element('p', 'govuk-body-s govuk-!-margin-bottom-0', listing.category))
      items.appendChild(item)
    })
    content.appendChild(items)
    if (p.listings.length < p.point_count + (p.also_counted || 0)) {
      content.appendChild(element('p', 'govuk-body-s', 'The list beside the map shows the rest.'))
    }
    return content
  }

  function clusterMarker(feature) {
    var p = feature.properties
    // What the marker shows adds up with the others to the list's number; a cluster of groups
    // all counted elsewhere shows how many meet here.
    var count = p.point_count || p.also_counted || 0
    var sameSpot = Array.isArray(p.listings) && p.listings.length > 0
    var label = clusterWords(p, sameSpot) + (sameSpot ? ' — open the list' : ' — zoom in')
    var size = count < 100 ? 44 : count < 1000 ? 52 : 60
    var number = element('span', 'cg-map__cluster-count', shortCount(count))
    number.setAttribute('aria-hidden', 'true')
    var marker = L.marker(latLngOf(feature), {
      icon: L.divIcon({ className: 'cg-map__cluster', iconSize: [size, size], html: number }),
      keyboard: true,
      title: label,
    })
    marker.on('add', function () {
      asButton(marker.getElement(), label)
    })
    onActivate(marker, function (fromKeyboard) {
      if (sameSpot) {
        openPopup(marker, sameSpotPopup(p), fromKeyboard)
        return
      }
      if (fromKeyboard) focusNear = marker.getLatLng()
      map.setView(
        marker.getLatLng(),
        Math.min(map.getMaxZoom(), Math.max(p.expansion_zoom, map.getZoom() + 1)),
      )
    })
    return marker
  }

  function draw(collection) {
    var focused = document.activeElement
    var seen = new Set()
    collection.features.forEach(function (feature) {
      var key = keyOf(feature)
      seen.add(key)
      if (markers.has(key)) return
      var marker = feature.properties.cluster ? clusterMarker(feature) : listingMarker(feature)
      markers.set(key, marker)
      layer.addLayer(marker)
    })
    var lostFocus = false
    markers.forEach(function (marker, key) {
      if (seen.has(key)) return
      if (marker.getElement() === focused) lostFocus = true
      layer.removeLayer(marker)
      markers.delete(key)
    })
    if (focusNear) {
      focusNearest(focusNear)
      focusNear = null
    } else if (lostFocus) {
      container.focus()
    }
  }

  function focusNearest(latlng) {
    var target = map.latLngToContainerPoint(latlng)
    var best = null
    var bestDistance = Infinity
    markers.forEach(function (marker) {
      var d = map.latLngToContainerPoint(marker.getLatLng()).distanceTo(target)
      if (d < bestDistance) {
        best = marker
        bestDistance = d
      }
    })
    if (best && best.getElement()) best.getElement().focus()
  }

  function loadMarkers() {
    var view = viewQuery()
    if (!view) return
    pendingMarkers = request(
      settings.markersUrl + '?' + view,
      'application/geo+json, application/json',
      pendingMarkers,
    )
    if (buildingTimer) window.clearTimeout(buildingTimer)
    pendingMarkers.promise
      .then(function (collection) {
        draw(collection)
        // Just after the server starts, it shows some of the groups here while it gets the rest ready.
        if (collection.building) buildingTimer = window.setTimeout(loadMarkers, BUILDING_RETRY_MS)
      })
      .catch(function (error) {
        if (!isAbort(error))
          say('The map could not show the groups here. The list beside the map still works.')
      })
  }

  // ---- the list beside the map -----------------------------------------------------------

  function loadList() {
    var view = viewQuery()
    if (!view || !list) return
    pendingList = request(settings.listUrl + '?' + view, 'text/html', pendingList)
    pendingList.promise
      .then(function (html) {
        // Someone who used "Skip the map", or was moving through the list, keeps their place:
        // the new list's heading takes the focus the old list had.
        var hadFocus = list.contains(document.activeElement)
        list.innerHTML = html
        var heading = document.getElementById('map-list-heading')
        if (hadFocus && heading) heading.focus()
        var summary = list.querySelector('.cg-map-list__summary')
        if (summary) say(summary.textContent)
      })
      .catch(function (error) {
        if (!isAbort(error)) say('The list could not be brought up to date. Try moving the map again.')
      })
  }

  function onMoved() {
    loadMarkers()
    if (listTimer) window.clearTimeout(listTimer)
    listTimer = window.setTimeout(loadList, LIST_DELAY_MS)
  }

  map.on('moveend', onMoved)

  // ---- hub outlines ------------------------------------------------------------------------

  // Only the hubs in view are asked for, simplified to the zoom, and asked for again when the
  // map moves while they are shown.
  var hubs = null
  var hubsLoading = null
  var hubsShown = false

  function hubsQuery() {
    var view = viewQuery()
    if (!view) return null
    var at = view.indexOf('bbox=')
    return view.slice(at)
  }

  function hubPopup(p) {
    var content = element('div', 'cg-map__popup')
    content.appendChild(element('p', 'govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1', p.name))
    content.appendChild(element('p', 'govuk-body-s govuk-!-margin-bottom-1', 'A local hub'))
    var more = element('p', 'govuk-body-s govuk-!-margin-bottom-0')
    more.appendChild(link(p.url, 'Go to the page of ' + p.name))
    content.appendChild(more)
    return content
  }

  /**
   * The hub's name in the middle of its area: a focusable button ("Local hub: Thanet") that
   * opens the popup with a link to the hub's page, by mouse or keyboard, as a marker does.
   */
  function hubLabel(p, centre) {
    var label = 'Local hub: ' + p.name
    var name = element('span', 'cg-map__hub-name', p.name)
    name.setAttribute('aria-hidden', 'true')
    var marker = L.marker(centre, {
      icon: L.divIcon({ className: 'cg-map__hub-label', iconSize: null, html: name }),
      keyboard: true,
      title: label,
      zIndexOffset: -1000,
    })
    marker.on('add', function () {
      asButton(marker.getElement(), label)
    })
    onActivate(marker, function (fromKeyboard) {
      openPopup(marker, hubPopup(p), fromKeyboard)
    })
    return marker
  }

  function loadHubs() {
    var view = hubsQuery()
    if (!view) return
    hubsLoading = request(
      settings.hubsUrl + '?' + view,
      'application/geo+json, application/json',
      hubsLoading,
    )
    hubsLoading.promise
      .then(function (outlines) {
        if (hubs) map.removeLayer(hubs)
        var labels = []
        var areas = L.geoJSON(outlines, {
          style: {
            color: '#1d5c4d',
            weight: 3,
            opacity: 0.9,
            dashArray: '8 6',
            fillColor: '#1d5c4d',
            fillOpacity: 0.06,
          },
          onEachFeature: function (feature, layer) {
            var p = feature.properties
            // Clicking the area opens its popup with a link. (No tooltip on the outline: Leaflet
            // would make the outline focusable, without a name; the label below names it.)
            layer.on('click', function (event) {
              returnFocusTo = null
              L.popup({ autoPanPadding: [40, 40], maxWidth: 280 })
                .setLatLng(event.latlng)
                .setContent(hubPopup(p))
                .openOn(map)
            })
            labels.push(hubLabel(p, layer.getBounds().getCenter()))
          },
        })
        hubs = L.layerGroup([areas].concat(labels))
        if (showHubs.checked) hubs.addTo(map)
        if (!hubsShown) say('Local hub areas are shown as dashed outlines, each with its name.')
        hubsShown = true
      })
      .catch(function (error) {
        if (!isAbort(error)) say('The local hub areas could not be shown.')
      })
  }

  if (hubsToggle && showHubs) {
    hubsToggle.hidden = false
    showHubs.addEventListener('change', function () {
      if (!showHubs.checked) {
        if (hubsLoading) hubsLoading.abort()
        if (hubs) map.removeLayer(hubs)
        hubsShown = false
        return
      }
      loadHubs()
    })
    map.on('moveend', function () {
      if (showHubs.checked) loadHubs()
    })
  }

  onMoved()
})()
