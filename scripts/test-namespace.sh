#!/bin/sh
# Runs a command inside a network namespace of its own: loopback plus one veth pair (10.77.0.1 <-> 10.77.0.2) with a
# default route over it, and nothing else. Firefox offers WebRTC candidates only on a non-loopback interface with a
# route; here that interface leads nowhere but to the other end of the pair, so no test traffic can leave.
# Usage: scripts/test-namespace.sh command args…   (as root, or where unprivileged user namespaces are allowed)
set -eu
if [ "${RVC_IN_TEST_NAMESPACE:-}" != 1 ]; then
  if [ "$(id -u)" = 0 ]; then exec env RVC_IN_TEST_NAMESPACE=1 unshare -n "$0" "$@"; fi
  exec env RVC_IN_TEST_NAMESPACE=1 unshare -rn "$0" "$@"
fi
ip link set lo up
ip link add rvc0 type veth peer name rvc1
ip addr add 10.77.0.1/24 dev rvc0
ip addr add 10.77.0.2/24 dev rvc1
ip link set rvc0 up
ip link set rvc1 up
ip route add default via 10.77.0.1 dev rvc0
export RVC_TEST_NAMESPACE_ADDRESS=10.77.0.1
exec "$@"
