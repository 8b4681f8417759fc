# vxdiag lab profile: the lab's one domain and its three servers (tests/lab/lab.sh)
name lab
domain lab
server 198.51.100.11
server 198.51.100.12
server 198.51.100.13
sip_port 5060
sip_port 5080
