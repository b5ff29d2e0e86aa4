/** Saves text through the browser's download path: no file system access from the renderer. */
export const downloadText = (filename: string, content: string, type: string) => {
  const url = URL.createObjectURL(new Blob([content], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  a.rel = 'noopener'
  document.body.append(a)
  a.click()
  a.remove()
  // Revoked later: revoking at once can cancel the download before it has started.
  setTimeout(() => URL.revokeObjectURL(url), 30_000)
}
