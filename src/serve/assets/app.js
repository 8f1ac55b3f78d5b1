// placeholder: built by scripts/build-web.sh
