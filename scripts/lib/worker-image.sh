# shellcheck shell=bash
# Functions behind scripts/worker-image: stage a build context for baton-worker:VERSION from the
# release archive and the host's own files (no registry, no network), and build it into an engine.
# Sourced after lib/env.sh (log, die, now_ms, since, site_sock); scripts/worker-image sets -euo.
#
# What a site worker runs besides Java: git (checkouts), docker-compose v1 (the Python one; Debian
# has no Compose v2), the docker CLI (compose v1 builds with it, COMPOSE_DOCKER_CLI_BUILD defaults
# to 1) and bash (bin/baton is a bash script). They are copied from the host's Debian packages at
# the paths the packages put them, with the shared libraries ldd names at the paths ldd names (as
# base_add_psql does for psql): the same files that run on the host, so they behave the same.

WORKER_IMAGE_DOCKERFILE="$REPO_ROOT/scripts/lib/worker-image.Dockerfile"

# The Java modules baton needs: `jdeps --ignore-missing-deps --multi-release 17
# --print-module-deps lib/baton.jar` (it takes 50 s here, so not on every build), plus the ones
# only reached through service loaders or JNDI, which jdeps cannot see: jdk.crypto.ec (the
# elliptic-curve TLS suites and Ed25519 signatures) and jdk.naming.dns (gRPC's dns:/// resolver).
WORKER_JAVA_MODULES=java.base,java.compiler,java.desktop,java.naming,java.security.jgss,java.sql
WORKER_JAVA_MODULES+=,jdk.httpserver,jdk.management,jdk.unsupported,jdk.crypto.ec,jdk.naming.dns

wi_installed() {
  [[ $(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null) == installed ]]
}

# docker-compose and the Python packages it depends on, transitively: of each dependency's
# alternatives the first one installed. Only Python packages: native libraries come through ldd,
# and nothing compose does over a unix socket needs the data packages (ca-certificates, tzdata).
wi_python_packages() {
  local queue=(docker-compose) seen=" " p dep alt
  while ((${#queue[@]})); do
    p=${queue[0]}
    queue=("${queue[@]:1}")
    [[ $seen == *" $p "* ]] && continue
    seen+="$p "
    echo "$p"
    while IFS= read -r dep; do
      for alt in ${dep//|/ }; do
        alt=${alt%%:*}
        [[ $alt == python3* || $alt == libpython3* ]] || continue
        if wi_installed "$alt"; then
          queue+=("$alt")
          break
        fi
      done
    done < <(dpkg-query -W -f='${Depends}, ${Pre-Depends}\n' "$p" | sed 's/([^)]*)//g' | tr ',' '\n')
  done
}

# Files (and symbolic links) the packages installed, without their documentation.
wi_package_files() {
  dpkg -L "$@" | grep -vE '^/usr/share/(doc|doc-base|man|info|lintian|locale|bash-completion)/' |
    while IFS= read -r f; do
      if [[ -L $f || -f $f ]]; then echo "$f"; fi
    done
}

# The compiled modules Debian generated at install time (dpkg does not list them): without them
# every docker-compose call in a fresh container would compile its modules again.
wi_pycache() {
  grep '\.py$' | xargs -r dirname | sort -u | while IFS= read -r d; do
    [[ -d $d/__pycache__ ]] && find "$d/__pycache__" -name '*.pyc'
  done
  return 0
}

# The shared libraries (and the loader) that the executables and libraries among the files on
# stdin link, as ldd names them. Each file once (git's hard links are one file), skipping scripts.
wi_libraries() {
  local f out
  grep -E '\.so(\.[0-9.]+)?$|^/(usr/)?bin/|^/usr/lib/git-core/' | xargs -r stat -L -c '%d:%i %n' |
    sort -u -k1,1 | cut -d' ' -f2- | while IFS= read -r f; do
    out=$(ldd "$f" 2>/dev/null) || continue # a script, or a static binary
    # (The JDK's libraries find libjvm.so beside them when java loads them; ldd cannot.)
    if grep 'not found' <<<"$out" | grep -qv '^\s*libjvm\.so '; then
      die "$f links a library this host lacks: $(grep 'not found' <<<"$out" | head -n1)"
    fi
    grep -oE '/[^ ]+\.so[^ ]*' <<<"$out" || true # none when statically linked
  done | sort -u
}

# worker_tools DIR: the tools' files under DIR, as the image's root will have them.
worker_tools() {
  local dir=$1 list="$1.list" python python_files lib
  mapfile -t python < <(wi_python_packages)
  python_files=$(wi_package_files "${python[@]}")
  {
    echo "$python_files"
    wi_pycache <<<"$python_files"
    wi_package_files git | grep -E '^/usr/(bin/git|lib/git-core/|share/git-core/)'
    echo /usr/bin/docker
    echo /bin/bash
    # The host's CA bundle, for git over https (git-remote-https reads it); none is no error.
    [[ ! -f /etc/ssl/certs/ca-certificates.crt ]] || echo /etc/ssl/certs/ca-certificates.crt
  } >"$list"
  mkdir -p "$dir"
  # tar keeps the packages' symbolic links (python3 -> python3.11) and git's hard links (its
  # builtins are one file under ~150 names) as they are.
  sed 's|^/||' "$list" | tar -C / --no-recursion -cf - -T - | tar -C "$dir" -xpf -
  # The Java runtime (a layer of its own) needs a few too: libjvm links libstdc++.
  { cat "$list"; wi_jdk_native; } | wi_libraries >"$list.libs" # (fails the build on a missing one)
  for lib in $(grep -vF "$(wi_jdk)/" "$list.libs"); do
    mkdir -p "$dir$(dirname "$lib")"
    cp -L --remove-destination "$lib" "$dir$lib"
  done
  # bin/baton's shebang is /usr/bin/env bash; busybox put its env in /bin.
  mkdir -p "$dir/usr/bin"
  ln -sf /bin/env "$dir/usr/bin/env"
  rm -f "$list" "$list.libs"
}

# The host JDK's native code that the runtime's modules load (not java.desktop's AWT and fonts,
# which the worker never loads and which would bring X11 and a dozen more libraries).
wi_jdk_native() {
  local jdk f
  jdk=$(wi_jdk)
  for f in bin/java lib/server/libjvm.so lib/lib{java,jli,jimage,net,nio,zip,verify,management,management_ext,prefs,j2gss}.so; do
    [[ -f $jdk/$f ]] && echo "$jdk/$f"
  done
  return 0
}

# worker_java DIR: a Java runtime of WORKER_JAVA_MODULES, made by the host JDK's jlink.
worker_java() {
  local dir=$1 jlink
  jlink=$(wi_jlink)
  "$jlink" --add-modules "$WORKER_JAVA_MODULES" --strip-debug --no-header-files --no-man-pages \
    --compress=2 --generate-cds-archive --output "$dir" >/dev/null
  # The class-data archive for heaps over 32 GB (no compressed oops): 11 MB a worker never uses.
  rm -f "$dir/lib/server/classes_nocoops.jsa"
}

wi_jlink() {
  local jlink=${JAVA_HOME:+$JAVA_HOME/bin/jlink}
  [[ -n $jlink ]] || jlink=$(readlink -f "$(command -v jlink)") || die "no jlink (install a JDK 17)"
  [[ -x $jlink ]] || die "no jlink at $jlink"
  echo "$jlink"
}
wi_jdk() { dirname "$(dirname "$(wi_jlink)")"; }

# staged DIR KEY MAKER: runs MAKER DIR unless DIR was made for the same KEY. Made aside and
# renamed, so an interrupted build never leaves a half-made DIR that looks finished.
staged() {
  local dir=$1 key=$2 maker=$3
  if [[ -d $dir && $(cat "$dir.key" 2>/dev/null) == "$key" ]]; then
    log "$(basename "$dir"): unchanged, reused"
    return 0
  fi
  local t
  t=$(now_ms)
  rm -rf "$dir" "$dir.tmp" "$dir.key"
  "$maker" "$dir.tmp"
  mv "$dir.tmp" "$dir"
  echo "$key" >"$dir.key"
  log "$(basename "$dir"): staged in $(since "$t") ($(du -sh "$dir" | cut -f1))"
}

hash_of() { sha256sum | cut -c1-64; }

# worker_image_build ENGINE ARCHIVE: builds baton-worker:VERSION into the engine at ENGINE (a
# DOCKER_HOST) from ARCHIVE (baton-VERSION.tar.gz); prints the image's name on stdout.
worker_image_build() {
  local engine=$1 archive=$2 version context t0 t
  [[ -f $archive && $(basename "$archive") =~ ^baton-(.+)\.tar\.gz$ ]] ||
    die "not a release archive (baton-VERSION.tar.gz): $archive"
  version=${BASH_REMATCH[1]}
  local image="baton-worker:$version"
  DOCKER_HOST=$engine docker image inspect baton-base:1 >/dev/null 2>&1 ||
    die "the engine at $engine has no baton-base:1 (scripts/env up imports it into its engines; for another: docker -H unix://$(site_sock primary) save baton-base:1 | docker -H $engine load)"
  # Beside the archive: `mvn clean` removes it with everything else it was made from.
  context="$(cd "$(dirname "$archive")" && pwd)/worker-image"
  mkdir -p "$context"
  t0=$(now_ms)

  # The tools change when a package does (any package: one cheap query), the CA bundle (made by
  # update-ca-certificates, not by a package) or the code that picks them.
  local tools_code="worker_tools wi_python_packages wi_package_files wi_pycache wi_libraries wi_jdk_native"
  # shellcheck disable=SC2086
  staged "$context/tools" "$({ declare -f $tools_code; dpkg-query -W; cat /etc/ssl/certs/ca-certificates.crt 2>/dev/null; } | hash_of)" worker_tools
  # The runtime changes with the JDK or the module list. (Staging the two side by side saved
  # nothing measurable on two cores: each is busy with the disk or jlink.)
  staged "$context/java" "$({ cat "$(wi_jdk)/release"; declare -f worker_java; echo "$WORKER_JAVA_MODULES"; } | hash_of)" worker_java
  # baton itself, fresh every time (a few seconds): it is what changes.
  t=$(now_ms)
  rm -rf "$context/baton"
  mkdir -p "$context/baton"
  tar -C "$context/baton" --strip-components=1 -xzf "$archive"
  log "baton: extracted in $(since "$t")"
  cp "$WORKER_IMAGE_DOCKERFILE" "$context/Dockerfile"

  t=$(now_ms)
  local out size
  # Its output only when it fails: it always prints the CLI's notice that the legacy builder is
  # deprecated (Debian's docker.io has no buildx), which is all it says when it works.
  out=$(DOCKER_HOST=$engine docker build -q -t "$image" \
    --label dev.baton=worker --label "dev.baton.version=$version" "$context" 2>&1) ||
    die "docker build of $image failed (engine $engine): $out"
  size=$(DOCKER_HOST=$engine docker image inspect -f '{{.Size}}' "$image")
  log "$image built in $(since "$t0") (docker build $(since "$t")), size $((size / 1000000)) MB, on $engine"
  echo "$image"
}
