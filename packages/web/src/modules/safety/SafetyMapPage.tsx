// Placeholder: the page lands with its part of issue 7.
export default function SafetyMapPage() {
  return null;
}
