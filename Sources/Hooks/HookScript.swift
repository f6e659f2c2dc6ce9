import Foundation

/// The shell script aigate writes as a hook, and how it recognises its own scripts later.
public enum HookScript {
  /// The line that marks a hook as aigate's: only files carrying it are rewritten or removed.
  public static let marker = "# aigate-managed-hook: written by 'aigate hook install'"

  /// Whether `contents` is a hook aigate wrote.
  public static func isManaged(_ contents: Data) -> Bool {
    String(decoding: contents, as: UTF8.self)
      .split(separator: "\n", omittingEmptySubsequences: false)
      .contains { $0 == marker }
  }

  /// The script for `kind` that runs the chained hook first, then `aigatePath hook run kind`.
  ///
  /// The chained hook is found beside the script at run time (git runs hooks by a path in the
  /// hooks folder), so moving the repository does not break the chain.
  public static func render(_ kind: HookKind, aigatePath: String) -> String {
    let name = kind.rawValue
    let skip = HookEnvironment.skip
    let binary = HookEnvironment.binary
    return """
      #!/bin/sh
      \(marker)
      # The \(name) hook of aigate, a security gate for AI-authored code.
      # 'aigate hook uninstall' removes this file and puts back the hook it chained, if any.
      # Re-running 'aigate hook install' rewrites it: do not edit it by hand.
      #
      #   \(skip)=1     let this commit through without the gate; the hook says so loudly.
      #   \(binary)=PATH   run this aigate instead of the one recorded below.
      #
      # A hook that was here before aigate is kept as \(name).aigate-chained beside this file;
      # it runs first, with the same arguments and input, and its failure stops the commit.

      aigate_recorded=\(shellQuoted(aigatePath))

      chained="$(dirname -- "$0")/\(name).aigate-chained"
      if [ -e "$chained" ] || [ -L "$chained" ]; then
        if [ -x "$chained" ] && [ ! -d "$chained" ]; then
          "$chained" "$@" || exit $?
        else
          printf 'aigate: the chained hook %s is not executable; skipped, as git would\\n' \\
            "$chained" >&2
        fi
      fi

      case "${\(skip):-}" in
        '' | 0 | false | no) ;;
        *)
          printf '%s\\n' \\
            "aigate: WARNING: \(skip) is set: the aigate gate was BYPASSED by the \(name) hook." \\
            "aigate: WARNING: nothing in this commit was checked. Unset \(skip) to gate again." >&2
          exit 0
          ;;
      esac

      aigate="${\(binary):-$aigate_recorded}"
      case "$aigate" in
        */*) [ -f "$aigate" ] && [ -x "$aigate" ] ;;
        *) command -v "$aigate" >/dev/null 2>&1 ;;
      esac || {
        printf 'aigate: error: the aigate binary is missing or not executable: %s\\n' "$aigate" >&2
        printf '%s\\n' \\
          "aigate: the \(name) hook cannot gate this commit, so it stops it." \\
          "aigate: reinstall with 'aigate hook install', point \(binary) at aigate," \\
          "aigate: or let one commit through unchecked with \(skip)=1." >&2
        exit 2
      }

      # An override must be aigate: a stand-in such as /bin/true would pass every commit.
      if [ -n "${\(binary):-}" ]; then
        case "$("$aigate" --version 2>/dev/null)" in
          'aigate '*)
            printf 'aigate: note: %s is set: the %s hook runs %s\\n' \\
              "\(binary)" "\(name)" "$aigate" >&2
            ;;
          *)
            printf 'aigate: error: %s=%s does not answer --version as aigate does\\n' \\
              "\(binary)" "$aigate" >&2
            printf '%s\\n' \\
              "aigate: the \(name) hook will not hand the commit to it, so it stops it." \\
              "aigate: unset \(binary), or point it at aigate." >&2
            exit 2
            ;;
        esac
      fi

      exec "$aigate" hook run \(name) "$@"

      """
  }

  /// `text` as one single-quoted shell word.
  static func shellQuoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
