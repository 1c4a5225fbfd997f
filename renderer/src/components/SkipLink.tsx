/** "Skip to content": moves focus to <main> without touching the URL hash, which the router owns. */
export function SkipLink() {
  return (
    <a
      className="skip-link"
      href="#main-content"
      data-testid="skip-link"
      onClick={(event) => {
        event.preventDefault();
        document.getElementById('main-content')?.focus();
      }}
    >
      Skip to content
    </a>
  );
}
