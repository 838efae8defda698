/*
 * The clipboard (exec_copy in exec.h is this module's entry point).
 *
 * Text goes out by every way that may work, so it lands wherever the user
 * is: an OSC 52 escape on the controlling terminal (the terminal sets its
 * clipboard; it works over SSH and, with tmux's set-clipboard, inside
 * tmux), tmux's paste buffer when inside tmux (load-buffer -w also hands
 * it to the outer terminal), and the first clipboard tool that works:
 * wl-copy (Wayland), xclip or xsel (X11), pbcopy (macOS).
 */
#ifndef CHITTY_CLIPBOARD_H
#define CHITTY_CLIPBOARD_H

#include <stddef.h>

/* The OSC 52 sequence that sets the clipboard to text[0..len): a new string. */
char *clipboard_osc52(const char *text, size_t len);

#endif
