# Sourced by the scripts that run the local stack on their own ports (schemathesis, load,
# browser tests): everything started is stopped when the script ends.
pids=()
stop_stack() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop_stack EXIT INT TERM

# wait_for NAME URL LOG: returns once URL answers (10 s at most); otherwise prints LOG and fails.
wait_for() {
  for _ in $(seq 1 100); do
    curl -sf -o /dev/null "$2" && return 0
    sleep 0.1
  done
  echo "the $1 did not start:" >&2
  cat "$3" >&2
  return 1
}

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
  wait_for gateway "http://127.0.0.1:$port/health" "$dir/gateway.log"
}

# start_simulator BIN DIR: the WhatsApp simulator on $SIMULATOR_PORT, standing in for Meta (Graph
# API, Facebook's login window); connecting a number is proven against it.
start_simulator() {
  local bin=$1 dir=$2
  "$bin" simulator --port "$SIMULATOR_PORT" > "$dir/simulator.log" 2>&1 &
  pids+=($!)
  wait_for simulator "http://127.0.0.1:$SIMULATOR_PORT/api/thread" "$dir/simulator.log"
}
