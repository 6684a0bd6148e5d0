/** Hands content made in the page to the browser as a file download. */
export function saveBlob(content: BlobPart, type: string, fileName: string): void {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([content], { type }));
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(link.href);
}
