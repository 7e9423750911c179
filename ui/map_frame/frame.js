// The app's map frame (ui/component.py): Streamlit's component protocol, version 1, spoken by hand
// with what the app uses of streamlit-folium's page: the map's frame script runs once, layer
// scripts ("feature_group") are swapped when they change, and a click sends where it was
// (last_clicked) and the point of the marker clicked, if any (last_object_clicked).
(function () {
    "use strict";
    var G = (window.__GLOBAL_DATA__ = {lat_lng_clicked: null, last_object_clicked: null});
    var state = {previous: null, returned: [], featureGroup: null, height: null, zoom: null, center: null, drawn: false};
    var queue = Promise.resolve();
    var timer = null;

    function send(type, data) {
        var message = {isStreamlitMessage: true, apiVersion: 1, type: type};
        for (var k in data) message[k] = data[k];
        window.parent.postMessage(message, "*");
    }

    function latLng(p) {
        return p ? {lat: p.lat, lng: p.lng} : null;
    }

    function sendValue() {
        var all = {last_clicked: latLng(G.lat_lng_clicked), last_object_clicked: latLng(G.last_object_clicked)};
        var value = {};
        state.returned.forEach(function (k) {
            if (k in all) value[k] = all[k];
        });
        var text = JSON.stringify(value);
        if (text !== state.previous) {
            state.previous = text;
            send("streamlit:setComponentValue", {value: value, dataType: "json"});
        }
    }

    // the handlers of one click (a marker's, the map's, a click moved back to where the pointer
    // was pressed) all run within a few milliseconds: one value is sent after them
    function later() {
        clearTimeout(timer);
        timer = setTimeout(sendValue, 30);
    }

    function onLayerClick(e) {
        G.last_object_clicked = e.latlng || null;
        later();
    }

    function onMapClick(e) {
        G.lat_lng_clicked = e.latlng;
        later();
    }

    function listenToLayers(map) {
        map.eachLayer(function (layer) {
            if (typeof layer.on === "function") {
                layer.off("click", onLayerClick);
                layer.on("click", onLayerClick);
            }
        });
    }

    function loaded(tag, attribute, url) {
        var href = new URL(url, document.baseURI).href;
        return Array.prototype.some.call(document.querySelectorAll(tag), function (el) {
            return el[attribute] === href;
        });
    }

    function loadScript(url) {  // one after another, in order, as the map's page lists them
        if (loaded("script", "src", url)) return Promise.resolve();
        return new Promise(function (resolve, reject) {
            var s = document.createElement("script");
            s.src = url;
            s.async = false;
            s.onload = resolve;
            s.onerror = reject;
            document.body.appendChild(s);
        });
    }

    function firstRender(args) {
        state.returned = args.returned_objects || [];
        state.previous = JSON.stringify(args["default"]);
        document.getElementById("map_div").style.height = args.height + "px";
        (args.css_links || []).forEach(function (url) {
            if (loaded("link", "href", url)) return;
            var link = document.createElement("link");
            link.rel = "stylesheet";
            link.href = url;
            document.head.appendChild(link);
        });
        return (args.js_links || []).reduce(function (p, url) {
            return p.then(function () { return loadScript(url); });
        }, Promise.resolve()).then(function () {
            document.head.insertAdjacentHTML("beforeend", args.header || "");
            var div = document.createElement("div");
            div.innerHTML = args.html || "";
            document.body.appendChild(div);
            var script = document.createElement("script");
            script.textContent = args.script + "\nwindow.map = map_div;";
            document.body.appendChild(script);
            window.map.on("click", onMapClick);
        });
    }

    // The layers' scripts, each opening with its mark and digest (ui/live_map.py): [[key, code]].
    function parts(code) {
        return code.split("/*sw-part:").slice(1).map(function (text) {
            var end = text.indexOf("*/");
            return [text.slice(0, end), text.slice(end + 2)];
        });
    }

    var shown = [];  // [[key, layers]] in drawing order

    // A part that did not change stays on the map as it is; the ones that went are taken off,
    // the new ones run (as globals: they name the map map_div). A new part is drawn above every
    // other, so the unchanged parts after it are brought to the front again, in order: each
    // path stays above those before it, as a fresh page would draw them (markers are stacked by
    // latitude, legends by their layer's place, whatever the order they came in).
    function swapLayers(map, code) {
        var next = parts(code), wanted = {}, kept = {}, added = false;
        next.forEach(function (part) { wanted[part[0]] = true; });
        shown.forEach(function (part) {
            if (wanted[part[0]]) kept[part[0]] = part[1];
            else part[1].forEach(function (layer) { map.removeLayer(layer); });
        });
        shown = next.map(function (part) {
            var layers = kept[part[0]];
            if (!layers) {
                window.feature_group = [];
                (0, eval)(part[1]);
                layers = window.feature_group;
                added = true;
            } else if (added) {
                layers.forEach(function (layer) { if (layer.bringToFront) layer.bringToFront(); });
            }
            return [part[0], layers];
        });
        window.feature_group = [].concat.apply([], shown.map(function (part) { return part[1]; }));
        listenToLayers(map);
    }

    function render(args) {
        var map = window.map;
        if (args.feature_group !== state.featureGroup || args.height !== state.height) {
            var resized = args.height !== state.height;
            state.featureGroup = args.feature_group;
            state.height = args.height;
            swapLayers(map, args.feature_group || "");
            if (!state.drawn) {  // the moment the map's layers are first on the page (bench/load.py),
                state.drawn = true;  // after any work their scripts left for later in this turn
                Promise.resolve().then(function () { performance.mark("sw-map-drawn"); });
            }
            if (args.layer_control) (0, eval)(args.layer_control);
            // told when it changes: the same height again was one more message for Streamlit's
            // page to handle on every change, on the thread that then paints the new layers
            if (resized) send("streamlit:setFrameHeight", {height: args.height});
        }
        var zoom = map.getZoom(), center = map.getCenter(), moved = false;
        if (args.zoom && args.zoom !== state.zoom) {
            zoom = state.zoom = args.zoom;
            moved = true;
        }
        if (args.center && JSON.stringify(args.center) !== JSON.stringify(state.center)) {
            center = state.center = args.center;
            moved = true;
        }
        if (moved) map.setView(center, zoom);
    }

    window.addEventListener("message", function (event) {
        if (!event.data || event.data.type !== "streamlit:render") return;
        var args = event.data.args;
        if (!performance.getEntriesByName("sw-args").length) performance.mark("sw-args");  // bench/open_profile.py
        queue = queue.then(function () {
            return window.map ? null : firstRender(args).then(function () { performance.mark("sw-frame-script"); });
        }).then(function () {
            render(args);
        }).catch(function (error) {
            console.error(error);
        });
    });
    send("streamlit:componentReady", {});
})();
