package fr.essaim.web;

import java.util.Set;

import jakarta.faces.component.UIViewRoot;
import jakarta.faces.event.PhaseEvent;
import jakarta.faces.event.PhaseId;
import jakarta.faces.event.PhaseListener;

/**
 * Pages are rendered without saved view state for anonymous readers: with state saved on the
 * server, Faces would open a session (and send a cookie) for every visit, although reading needs
 * none. The login form keeps its state: its view state is what a forged cross-site login lacks.
 * Signed-in writers have a session anyway, and their forms keep their state.
 */
public class StatelessReading implements PhaseListener {

    private static final long serialVersionUID = 1L;

    /** Views whose forms anonymous visitors post. */
    static final Set<String> STATEFUL_FOR_ANONYMOUS = Set.of("/connexion.xhtml");

    @Override
    public void beforePhase(PhaseEvent event) {
        UIViewRoot view = event.getFacesContext().getViewRoot();
        if (view != null && event.getFacesContext().getExternalContext().getRemoteUser() == null
                && !STATEFUL_FOR_ANONYMOUS.contains(view.getViewId())) {
            view.setTransient(true);
        }
    }

    @Override
    public void afterPhase(PhaseEvent event) {
    }

    @Override
    public PhaseId getPhaseId() {
        return PhaseId.RENDER_RESPONSE;
    }
}
