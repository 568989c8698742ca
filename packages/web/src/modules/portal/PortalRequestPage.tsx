// Placeholder while the page is built (replaced in this change).
export default function Page() {
  return null;
}
