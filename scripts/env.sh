# Sourced by the scripts: where Emscripten lives. Debian's package puts it in /usr/share/emscripten
# and its tools need NODE_PATH to find acorn; an activated emsdk sets EMSDK and wins.
if [ -z "${EMSCRIPTEN_ROOT:-}" ]; then
  if [ -n "${EMSDK:-}" ] && [ -d "$EMSDK/upstream/emscripten" ]; then
    export EMSCRIPTEN_ROOT="$EMSDK/upstream/emscripten"
  else
    export EMSCRIPTEN_ROOT="$(em-config EMSCRIPTEN_ROOT 2>/dev/null || echo /usr/share/emscripten)"
  fi
fi
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"
