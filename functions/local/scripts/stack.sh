# Sourced by the scripts that run the local stack on their own ports (schemathesis, load,
# browser tests): everything started is stopped when the script ends.
pids=()
stop_stack() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop_stack EXIT INT TERM

# start_stack BIN DIR GATEWAY_PORT [seed]: moto, the resources, the demo data if asked, and the
# gateway; returns once the gateway answers. Logs go to DIR.
start_stack() {
  local bin=$1 dir=$2 port=$3
  mkdir -p "$dir"
  pids+=("$(functions/local/scripts/moto.sh "$dir/moto.log")")
  "$bin" setup > /dev/null
  if [ "${4:-}" = seed ]; then "$bin" seed > /dev/null; fi
  "$bin" gateway --port "$port" > "$dir/gateway.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/health" && return 0
    sleep 0.1
  done
  echo "the gateway did not start:" >&2
  cat "$dir/gateway.log" >&2
  return 1
}

# start_simulator BIN DIR: the WhatsApp simulator on $SIMULATOR_PORT, standing in for Meta (Graph
# API, Facebook's login window); connecting a number is proven against it.
start_simulator() {
  local bin=$1 dir=$2
  "$bin" simulator --port "$SIMULATOR_PORT" > "$dir/simulator.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do
    curl -sf -o /dev/null "http://127.0.0.1:$SIMULATOR_PORT/api/thread" && return 0
    sleep 0.1
  done
  echo "the simulator did not start:" >&2
  cat "$dir/simulator.log" >&2
  return 1
}
