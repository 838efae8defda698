/*
 * Keystroke tools: paste, type, submit, transform act on the focused
 * application.  macOS: osascript (System Events), the text passed as an
 * argument, never as AppleScript.  Elsewhere: wtype (Wayland) or xdotool
 * (X11), the text on their stdin.
 *
 *   type       types the text
 *   submit     types the text, then Return
 *   paste      puts the text on the clipboard, then the paste keystroke
 *   transform  the same as paste: the text replaces the selection
 */
#ifndef CHITTY_EXEC_KEYS_H
#define CHITTY_EXEC_KEYS_H

struct config;

/* Act out tool ("paste", "type", "submit", "transform") with text.  0, or -1 with *cause. */
int exec_keys(const char *tool, const char *text, const struct config *config, char **cause);

#endif
