import { useTranslation } from 'react-i18next'
import { useStore } from '../../store'
import type { PreviewTarget } from '../../store/types'
import { LinkActions, usePublicUrl } from '../catalog/links'
import { Dialog } from '../shell/Dialog'
import { useLazyPreview } from './use-preview'

/**
 * A preview at full size, with the way out to the live page in the system browser and its link to
 * copy; a page's address is asked for only when one of those is used.
 */
export const PreviewViewer = ({ target }: { target: PreviewTarget }) => {
  const { t } = useTranslation()
  const close = useStore((s) => s.openPreview)
  const { result } = useLazyPreview(target, true)
  const { url } = usePublicUrl(target)
  return (
    <Dialog title={target.title} onClose={() => close(null)} wide footer={<LinkActions target={target} />}>
      <div className="preview-full">
        {result && 'dataUrl' in result && result.dataUrl ? (
          <img src={result.dataUrl} alt={target.title} />
        ) : result ? (
          <p className="muted">{'error' in result ? result.error : t('previews.none')}</p>
        ) : (
          <p className="muted">{t('app.loading')}</p>
        )}
      </div>
      {url && (
        <p className="muted small" data-testid="public-url">
          {url}
        </p>
      )}
    </Dialog>
  )
}
