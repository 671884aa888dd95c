#!/bin/sh
# Builds the rpm database fixtures with the real tools: a few small packages made with rpmbuild
# (an epoch, a noarch one, a source RPM of another name and version), installed with rpm into
# a fresh SQLite database (rpmdb.sqlite), then the same header blobs loaded into Berkeley DB hash
# databases with db5.3_load in both byte orders (Packages.le, Packages.be), the way rpm <= 4.15
# kept them. Also writes what `rpm -qa` says about each database (expected.txt).
# Needs: rpm, rpmbuild (Debian package rpm), sqlite3, db5.3-util.
set -eu
out=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
top="$work/build"
mkdir -p "$top/SPECS" "$top/SOURCES"

spec() { # name epoch version release arch license [subpackage-name subpackage-version]
    epoch=""
    [ "$2" != "-" ] && epoch="Epoch: $2"
    {
        cat <<SPEC
Name: $1
$epoch
Version: $3
Release: $4
Summary: palisade test package $1
License: $6
BuildArch: $5
%description
A package that only exists to test palisade's rpm database readers.
SPEC
        if [ "${7:-}" ]; then
            # A subpackage of another name and version: its SOURCERPM names this spec's package.
            cat <<SPEC
%package -n $7
Summary: palisade test subpackage
Version: $8
License: Unlicense
%description -n $7
A subpackage built from the source of $1.
%files -n $7
/usr/share/palisade-test/$7
SPEC
        fi
        cat <<SPEC
%prep
%build
%install
mkdir -p %{buildroot}/usr/share/palisade-test
echo $1 > %{buildroot}/usr/share/palisade-test/$1
echo sub > %{buildroot}/usr/share/palisade-test/${7:-none}
%files
/usr/share/palisade-test/$1
SPEC
        [ "${7:-}" ] || echo /usr/share/palisade-test/none
    } > "$top/SPECS/$1.spec"
    rpmbuild --quiet --define "_topdir $top" --define "_build_id_links none" \
        -bb "$top/SPECS/$1.spec" >/dev/null
}

spec palisade-alpha - 1.2.3 4.el9 noarch "MIT" palisade-alpha-libs 7.1
spec palisade-beta 2 0.9 1.fc40 noarch "GPL-2.0-or-later AND (MIT OR Apache-2.0)"
spec palisade-gamma 0 10.0.1 7 noarch "ASL 2.0"
spec palisade-delta - 3.0~rc1 0.1.el7_9 noarch "BSD"

db="$work/db"
mkdir -p "$db"
rpm --dbpath "$db" --initdb
rpm --dbpath "$db" -i --nodeps --quiet --justdb --ignorearch --noscripts "$top"/RPMS/*/*.rpm
# A real signing key imported the way rpm trusts one: a gpg-pubkey pseudo-package.
export GNUPGHOME="$work/gnupg"
mkdir -m 700 "$GNUPGHOME"
gpg --batch --quiet --passphrase '' --quick-gen-key 'palisade test <test@palisade.invalid>' \
    rsa2048 sign never 2>/dev/null
gpg --batch --armor --export > "$work/key.asc"
rpm --dbpath "$db" --import "$work/key.asc"
cp "$db/rpmdb.sqlite" "$out/rpmdb.sqlite"
# A checkpointed, compact file: no -wal or -shm beside it.
sqlite3 "$out/rpmdb.sqlite" 'PRAGMA wal_checkpoint(TRUNCATE); VACUUM;' >/dev/null

# Berkeley DB: the same header blobs, keyed by package number, in the byte order of the page.
for order in le be; do
    lorder=1234
    [ $order = be ] && lorder=4321
    {
        printf 'VERSION=3\nformat=bytevalue\ntype=hash\ndb_lorder=%s\ndb_pagesize=4096\nHEADER=END\n' $lorder
        sqlite3 "$out/rpmdb.sqlite" 'SELECT hnum, hex(blob) FROM Packages ORDER BY hnum' |
        while IFS='|' read -r n hex; do
            if [ $order = le ]; then key=$(printf '%02x000000' "$n"); else key=$(printf '000000%02x' "$n"); fi
            printf ' %s\n %s\n' "$key" "$(echo "$hex" | tr 'A-F' 'a-f')"
        done
        printf 'DATA=END\n'
    } > "$work/dump.$order"
    rm -f "$out/Packages.$order"
    db5.3_load -f "$work/dump.$order" "$out/Packages.$order"
done

# What rpm itself reads from each.
q='%{NAME}|%|EPOCH?{%{EPOCH}:}|%{VERSION}-%{RELEASE}|%{ARCH}|%{SOURCERPM}|%{LICENSE}\n'
rpm --dbpath "$db" -qa --qf "$q" | sort > "$out/expected.txt"
for order in le be; do
    mkdir -p "$work/bdb-$order"
    cp "$out/Packages.$order" "$work/bdb-$order/Packages"
    rpm --define '_db_backend bdb_ro' --dbpath "$work/bdb-$order" -qa --qf "$q" 2>/dev/null | sort > "$work/bdb-$order.txt"
    cmp "$out/expected.txt" "$work/bdb-$order.txt"
done
echo "wrote $(wc -l < "$out/expected.txt") packages"
