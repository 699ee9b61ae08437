// Record evidence in the page: a photo or a short video with the camera, a voice note,
// a drawing or handwriting on a canvas (pen, finger or mouse). Whatever is recorded is put
// into the form's own file field, so it is uploaded and checked like any chosen file
// (the server checks the type from the bytes and the size limit).
//
// Progressive enhancement: the recorders appear only where the browser has a camera API
// (getUserMedia and MediaRecorder need a secure origin: https or localhost). Elsewhere,
// and without JavaScript, the file field still opens the phone's camera or recorder.
(function () {
  "use strict";
  var form = document.querySelector("[data-capture-form]");
  if (!form) return;
  var panel = form.querySelector("[data-capture]");
  var input = form.querySelector("input[type=file][name=file]");
  if (!panel || !input || typeof DataTransfer === "undefined") return;

  var say = panel.dataset;
  var status = panel.querySelector("[data-capture-status]");
  var maxBytes = parseInt(say.maxBytes, 10) || Infinity;
  var media = !!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia &&
                 window.MediaRecorder);
  var ACCEPT = { photo: "image/*,video/*", voice: "audio/*", drawing: "image/*" };
  var CAPTURE = { photo: "environment", voice: "user" };
  var VIDEO_SECONDS = 60;
  var VOICE_SECONDS = 180;
  var stream = null;
  var recorder = null;
  var stopTimer = null;

  function button(action) { return panel.querySelector("[data-action='" + action + "']"); }
  function tell(text) { status.textContent = text; }

  function chosenKind() {
    var chosen = form.querySelector("input[name=kind]:checked");
    return chosen ? chosen.value : "";
  }

  function show(result, blob) {
    var box = panel.querySelector("[data-capture-result]");
    ["image", "video", "audio"].forEach(function (name) {
      var element = box.querySelector("[data-result-" + name + "]");
      if (element.src) URL.revokeObjectURL(element.src);
      element.hidden = name !== result;
      if (name === result) element.src = URL.createObjectURL(blob);
    });
    box.hidden = false;
  }

  function attach(blob, name, result) {
    if (blob.size > maxBytes) { tell(say.sayTooBig); return; }
    var transfer = new DataTransfer();
    transfer.items.add(new File([blob], name, { type: blob.type }));
    input.files = transfer.files;
    if (result) show(result, blob);
    tell(say.sayAttached.replace("%s", name));
  }

  function stopStream() {
    if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
    stream = null;
  }

  function open(constraints) {
    stopStream();
    return navigator.mediaDevices.getUserMedia(constraints).then(function (opened) {
      stream = opened;
      return opened;
    });
  }

  function record(constraints, seconds, name, result, stopAction, startAction, onStart) {
    var ready = stream && constraints.video ? Promise.resolve(stream) : open(constraints);
    return ready.then(function (opened) {
      var chunks = [];
      recorder = new MediaRecorder(opened);
      recorder.ondataavailable = function (event) { if (event.data.size) chunks.push(event.data); };
      recorder.onstop = function () {
        clearTimeout(stopTimer);
        var type = (recorder.mimeType || "video/webm").split(";")[0];
        attach(new Blob(chunks, { type: type }), name + "." + (type.split("/")[1] || "webm"), result);
        button(stopAction).hidden = true;
        button(startAction).hidden = false;
        if (!constraints.video) stopStream();
      };
      recorder.start(250);
      stopTimer = setTimeout(function () { if (recorder.state !== "inactive") recorder.stop(); },
                             seconds * 1000);
      button(startAction).hidden = true;
      button(stopAction).hidden = false;
      button(stopAction).focus();
      tell(say.sayRecording);
      if (onStart) onStart();
    });
  }

  function failed() { tell(say.sayNoDevice); }

  // Camera: a photo is the preview's current frame, as a JPEG.
  var preview = panel.querySelector("[data-camera-preview]");
  button("camera").addEventListener("click", function () {
    open({ video: { facingMode: "environment" }, audio: true }).then(function (opened) {
      preview.srcObject = opened;
      preview.play();
      button("photo").disabled = false;
      button("video").disabled = false;
      tell(say.sayCameraOn);
    }).catch(failed);
  });
  button("photo").addEventListener("click", function () {
    var canvas = document.createElement("canvas");
    canvas.width = preview.videoWidth || 640;
    canvas.height = preview.videoHeight || 480;
    canvas.getContext("2d").drawImage(preview, 0, 0, canvas.width, canvas.height);
    canvas.toBlob(function (blob) { attach(blob, "photo.jpg", "image"); }, "image/jpeg", 0.9);
  });
  button("video").addEventListener("click", function () {
    record({ video: true, audio: true }, VIDEO_SECONDS, "video", "video", "stop-video", "video")
      .catch(failed);
  });
  button("stop-video").addEventListener("click", function () { recorder.stop(); });
  button("voice").addEventListener("click", function () {
    record({ audio: true }, VOICE_SECONDS, "voice-note", "audio", "stop-voice", "voice")
      .catch(failed);
  });
  button("stop-voice").addEventListener("click", function () { recorder.stop(); });

  // Drawing: pointer events, so a pen's pressure, a finger and a mouse all draw.
  var canvas = panel.querySelector("[data-canvas]");
  var pen = canvas.getContext("2d");
  var drawn = false;
  function blank() {
    pen.fillStyle = "#ffffff";
    pen.fillRect(0, 0, canvas.width, canvas.height);
    drawn = false;
  }
  function point(event) {
    var box = canvas.getBoundingClientRect();
    return { x: (event.clientX - box.left) * canvas.width / box.width,
             y: (event.clientY - box.top) * canvas.height / box.height };
  }
  var last = null;
  canvas.addEventListener("pointerdown", function (event) {
    canvas.setPointerCapture(event.pointerId);
    last = point(event);
  });
  canvas.addEventListener("pointermove", function (event) {
    if (!last) return;
    var next = point(event);
    pen.strokeStyle = "#111827";
    pen.lineCap = "round";
    pen.lineWidth = event.pointerType === "pen" ? 1 + 5 * (event.pressure || 0.5) : 4;
    pen.beginPath();
    pen.moveTo(last.x, last.y);
    pen.lineTo(next.x, next.y);
    pen.stroke();
    last = next;
    drawn = true;
  });
  function lift() {
    if (!last) return;
    last = null;
    if (drawn) canvas.toBlob(function (blob) { attach(blob, "drawing.png", null); }, "image/png");
  }
  canvas.addEventListener("pointerup", lift);
  canvas.addEventListener("pointercancel", lift);
  button("clear").addEventListener("click", function () {
    blank();
    input.value = "";
  });
  blank();

  function update() {
    var kind = chosenKind();
    var recorded = Object.prototype.hasOwnProperty.call(ACCEPT, kind);
    input.accept = recorded ? ACCEPT[kind] : input.dataset.accept || input.accept;
    if (CAPTURE[kind]) input.setAttribute("capture", CAPTURE[kind]);
    else input.removeAttribute("capture");
    var live = kind === "drawing" || media;
    panel.hidden = !(recorded && live);
    Array.prototype.forEach.call(panel.querySelectorAll("[data-capture-for]"), function (part) {
      part.hidden = part.getAttribute("data-capture-for") !== kind;
    });
    if (kind !== "photo" && stream) stopStream();
  }
  input.dataset.accept = input.accept;
  form.addEventListener("change", function (event) {
    if (event.target.name === "kind") update();
  });
  update();
})();
