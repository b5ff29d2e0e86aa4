import { useTranslation } from 'react-i18next'
import { useStore } from '../../store'
import type { PreviewTarget } from '../../store/ui-slice'
import { openExternal } from '../catalog/cells'
import { Dialog } from '../shell/Dialog'
import { useLazyPreview } from './use-preview'

/** A preview at full size, with the way out to the live page in the system browser. */
export const PreviewViewer = ({ target }: { target: PreviewTarget }) => {
  const { t } = useTranslation()
  const close = useStore((s) => s.openPreview)
  const { result } = useLazyPreview(target, true)
  return (
    <Dialog
      title={target.title}
      onClose={() => close(null)}
      wide
      footer={
        target.publicUrl ? (
          <button type="button" className="primary" onClick={() => void openExternal(target.publicUrl!)}>
            {t('previews.openBrowser')}
          </button>
        ) : undefined
      }
    >
      <div className="preview-full">
        {result && 'dataUrl' in result && result.dataUrl ? (
          <img src={result.dataUrl} alt={target.title} />
        ) : result ? (
          <p className="muted">{'error' in result ? result.error : t('previews.none')}</p>
        ) : (
          <p className="muted">{t('app.loading')}</p>
        )}
      </div>
      {target.publicUrl && <p className="muted small">{target.publicUrl}</p>}
    </Dialog>
  )
}
