/** Focus goes back where it was when a dialog that is mounted only while open closes. */
import { useLayoutEffect, useRef } from 'react';

/**
 * Remembers the focused element when `isOpen` turns true and focuses it again when it turns false.
 * Our dialogs are mounted only while open (see ModalDialog), so Fluent's DialogTrigger restorer cannot do this.
 */
export function useReturnFocus(isOpen: boolean): void {
  const opener = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    if (isOpen) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      return;
    }
    const element = opener.current;
    opener.current = null;
    if (element?.isConnected) element.focus();
  }, [isOpen]);
}
