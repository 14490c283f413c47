#!/usr/bin/env bash
# Build a .dmg from Reader.app: sign and notarise only when the secrets are present.
#   make_dmg.sh dist/Reader.app dist/Reader-X.Y.Z-macos-arm64.dmg X.Y.Z
# Environment (all optional; without them the .dmg is unsigned, fine for testing):
#   MACOS_CODESIGN_IDENTITY   "Developer ID Application: ..." in the login keychain
#   APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD   notarisation with notarytool
set -euo pipefail

app=${1:?usage: make_dmg.sh APP DMG VERSION}
dmg=${2:?usage: make_dmg.sh APP DMG VERSION}
version=${3:?usage: make_dmg.sh APP DMG VERSION}
here=$(cd "$(dirname "$0")" && pwd)

if [[ -n "${MACOS_CODESIGN_IDENTITY:-}" ]]; then
    echo "signing $app"
    codesign --force --deep --options runtime --timestamp \
        --entitlements "$here/entitlements.plist" \
        --sign "$MACOS_CODESIGN_IDENTITY" "$app"
    codesign --verify --deep --strict --verbose=2 "$app"
else
    echo "MACOS_CODESIGN_IDENTITY not set: the app is not signed"
fi

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
rm -f "$dmg"
# hdiutil fails now and then with "Resource busy" on hosted runners (a Spotlight or
# XProtect scan holds the staging folder): up to five tries, a pause growing between them.
for attempt in 1 2 3 4 5; do
    if hdiutil create -volname "Reader $version" -srcfolder "$staging" -fs HFS+ \
        -format UDZO -imagekey zlib-level=9 -ov "$dmg"; then
        break
    fi
    if ((attempt == 5)); then
        echo "hdiutil create failed 5 times" >&2
        exit 1
    fi
    echo "hdiutil create failed (try $attempt of 5); again in $((attempt * 10)) s" >&2
    rm -f "$dmg"
    sleep $((attempt * 10))
done

if [[ -n "${MACOS_CODESIGN_IDENTITY:-}" ]]; then
    codesign --force --timestamp --sign "$MACOS_CODESIGN_IDENTITY" "$dmg"
fi
if [[ -n "${MACOS_CODESIGN_IDENTITY:-}" && -n "${APPLE_ID:-}" && -n "${APPLE_TEAM_ID:-}" \
      && -n "${APPLE_APP_PASSWORD:-}" ]]; then
    echo "notarising $dmg"
    xcrun notarytool submit "$dmg" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
        --password "$APPLE_APP_PASSWORD" --wait
    xcrun stapler staple "$dmg"
else
    echo "notarisation secrets not set: the .dmg is not notarised"
fi
echo "built $dmg"
