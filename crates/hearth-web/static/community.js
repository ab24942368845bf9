// Find community: "use my location" fills the latitude and longitude fields, only when the
// person presses the button and their browser asks them. Rounded to about 100 m; the numbers
// go only into this search's address, unless the person then presses "Save this point as my
// place".
(function () {
  var button = document.getElementById('use-location');
  if (!button || !('geolocation' in navigator)) return;
  var status = document.getElementById('location-status');
  button.hidden = false;
  button.addEventListener('click', function () {
    status.textContent = button.dataset.finding || '';
    navigator.geolocation.getCurrentPosition(function (pos) {
      document.getElementById('f-lat').value = pos.coords.latitude.toFixed(3);
      document.getElementById('f-lon').value = pos.coords.longitude.toFixed(3);
      status.textContent = button.dataset.found || '';
    }, function () {
      status.textContent = button.dataset.failed || '';
    }, { maximumAge: 600000, timeout: 10000 });
  });
})();
